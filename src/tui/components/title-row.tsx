import { Box, Text } from 'ink';
import { useTerminalSize } from '../context/terminal-context.js';

/** A screen's first line: the document on the left, where the operator stands on the right; wraps rather than cut. */
export function TitleRow({ title, detail, aside }: { title: string; detail?: string | undefined; aside?: string | undefined }) {
  const { compact, columns } = useTerminalSize();
  const left = detail && !compact ? `${title} · ${detail}` : title;
  const room = columns - 1 - (aside ? aside.length + 1 : 0);
  return (
    <Box justifyContent="space-between">
      <Box width={Math.max(1, Math.min(room, [...left].length))}>
        <Text bold wrap="wrap">
          {left}
        </Text>
      </Box>
      {aside ? <Text>{aside}</Text> : null}
    </Box>
  );
}
