import { Text } from 'ink';
import type { ScaleView } from '../../protocol/local-api.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { localDecimals } from '../i18n/decimal-text.js';

/** The station's scale under the status bar: a weight only when it has settled. */
export function ScaleLine({ scale }: { scale: ScaleView }) {
  const t = useT();
  const theme = useTheme();
  const { columns } = useTerminalSize();
  const { condition } = scale;
  const settled = condition === 'stable' || condition === 'zero';
  const text = settled ? `⚖ ${localDecimals(scale.weight ?? '', t.lang)} ${scale.unit} ${theme.symbols.ok}` : `⚖ ${condition === 'moving' ? '~' : theme.symbols.error} ${t(`scale.${condition}`)}`;
  const color = settled ? theme.ok : scale.condition === 'moving' ? theme.accent : theme.error;
  return (
    <Text wrap="truncate">
      <Text color={color} bold>
        {text}
      </Text>
      <Text dimColor> {'─'.repeat(Math.max(0, columns - [...text].length - 2))}</Text>
    </Text>
  );
}
