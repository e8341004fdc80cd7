import { Text } from 'ink';
import type { ScaleView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

/** The station's scale under the status bar: a weight only when it has settled. */
export function ScaleLine({ scale, columns, t, theme }: { scale: ScaleView; columns: number; t: Translate; theme: Theme }) {
  const { condition } = scale;
  const settled = condition === 'stable' || condition === 'zero';
  const text =
    condition === 'stable' || condition === 'zero'
      ? `⚖ ${scale.weight} ${scale.unit} ${theme.symbols.ok}`
      : `⚖ ${condition === 'moving' ? '~' : theme.symbols.error} ${t(`scale.${condition}`)}`;
  const color = settled ? theme.ok : scale.condition === 'moving' ? theme.accent : theme.error;
  return (
    <Text wrap="truncate">
      <Text color={color} bold>
        {text}
      </Text>
      <Text dimColor> {'─'.repeat(Math.max(0, columns - text.length - 2))}</Text>
    </Text>
  );
}
