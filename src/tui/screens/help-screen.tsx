import { Box, Text } from 'ink';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { keyLabel, type Binding } from '../input/bindings.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import type { MessageKey } from '../i18n/messages-fr.js';

/**
 * `?`: every key of the screen (or modal) under it, with what it does: one per row when they fit,
 * in two columns on a wide terminal, else as a wrapped paragraph on a handheld. Nothing is left out.
 * `about`: what the screen asks of the operator, said before its keys (the batch's cart, totes, put).
 */
export function HelpScreen({ bindings, about = null, height }: { bindings: Binding[]; about?: MessageKey | null; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  // keys that only act while something is typed: one line of their own
  const typing = bindings.filter((b) => b.field === 'typed').map((b) => `${keyLabel(b, t)} ${t(b.hint!)}`);
  const typingLine = typing.length ? `${t('help.whileTyping')} ${typing.join(' · ')}` : null;
  const entries = bindings.filter((b) => b.field !== 'typed').map((b) => ({ key: keyLabel(b, t), text: t(b.hint!) }));
  const keyWidth = Math.max(...entries.map((e) => e.key.length), 1) + 1;
  const typingRows = typingLine ? rowsOf(typingLine, columns - 1) : 0;
  const aboutText = about ? t(about) : null;
  const aboutRows = aboutText ? rowsOf(aboutText, columns - 1) : 0;
  const room = height - 1 - aboutRows - typingRows;
  const perColumn = entries.length <= room ? entries.length : columns >= 60 && Math.ceil(entries.length / 2) <= room ? Math.ceil(entries.length / 2) : 0;
  const note = (perColumn || entries.length) + 1 + aboutRows + typingRows + rowsOf(t('help.typing'), columns - 1) <= height;
  const title = (
    <>
      <Text bold color={theme.accent} wrap="wrap">
        {t('help.title')}
      </Text>
      {aboutText ? <WrappedText color={theme.info}>{aboutText}</WrappedText> : null}
    </>
  );
  if (perColumn === 0) {
    return (
      <Box flexDirection="column">
        {title}
        <WrappedText>{entries.map((e) => `${e.key} ${e.text}`).join(' · ')}</WrappedText>
        {typingLine ? <WrappedText dimColor>{typingLine}</WrappedText> : null}
      </Box>
    );
  }
  const groups = [entries.slice(0, perColumn), entries.slice(perColumn)].filter((g) => g.length);
  const columnWidth = groups.length > 1 ? Math.floor((columns - 1) / 2) : columns - 1;
  return (
    <Box flexDirection="column">
      {title}
      <Box>
        {groups.map((group, g) => (
          <Box key={g} flexDirection="column" width={columnWidth}>
            {group.map((e) => (
              <Text key={`${e.key}|${e.text}`} wrap="wrap">
                <Text bold>{e.key.padEnd(keyWidth)}</Text>
                {e.text}
              </Text>
            ))}
          </Box>
        ))}
      </Box>
      {typingLine ? <WrappedText dimColor>{typingLine}</WrappedText> : null}
      {note ? (
        <Text dimColor wrap="wrap">
          {t('help.typing')}
        </Text>
      ) : null}
    </Box>
  );
}
