import { Box, Text } from 'ink';
import { ChoiceList } from '../components/choice-list.js';
import { useT, useTheme } from '../context/terminal-context.js';
import type { MessageKey } from '../i18n/messages-fr.js';

/** A titled list of reason codes, each in the operator's words, numbered for a single key. */
export function ReasonScreen({ title, context, reasons, prefix, selected, height }: { title: MessageKey; context?: string | undefined; reasons: readonly string[]; prefix: 'short' | 'damage' | 'reason'; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {theme.symbols.warn} {t(title)}
      </Text>
      {context ? <Text wrap="wrap">{context}</Text> : null}
      <ChoiceList items={reasons.map((r, i) => `${i + 1} ${t(`${prefix}.${r}` as MessageKey)}`)} selected={selected} height={height - (context ? 2 : 1)} />
    </Box>
  );
}
