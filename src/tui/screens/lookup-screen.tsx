import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';

type LookupView = Extract<StationView, { screen: 'lookup' }>;

/** Stock of a product or a bin: on hand, reserved, available per bin and lot; what is coming. */
export function LookupScreen({ view, height }: { view: LookupView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const target = view.target;
  if (!target) {
    return (
      <Text color={theme.info} wrap="wrap">
        {t('lookup.prompt')}
      </Text>
    );
  }
  const levelRows = Math.max(1, height - (compact ? 4 : 3));
  const available = view.levels.reduce((sum, l) => sum + l.available, 0);
  return (
    <Box flexDirection="column">
      <Text bold wrap="wrap">
        {target.code} {target.name}
      </Text>
      <Text bold color={theme.accent} wrap="wrap">
        {t('lookup.available', { n: available })}
        {target.kind === 'product' ? ` · ${t('lookup.incoming', { n: view.incoming })}` : ''}
      </Text>
      <Text dimColor wrap="wrap">
        {compact ? t('lookup.headCompact') : t('lookup.head')}
      </Text>
      {view.levels.slice(0, levelRows).map((l) => (
        <Text key={`${l.productCode}|${l.location}|${l.lot}`} wrap="wrap">
          {target.kind === 'product' ? l.location : l.productCode} {String(l.onHand).padStart(4)} {String(l.reserved).padStart(4)} {String(l.available).padStart(4)}
          {l.lot ? ` ${l.lot}` : ''}
          {l.expiry && !compact ? ` ${l.expiry}` : ''}
        </Text>
      ))}
      {view.movements.length && height > view.levels.length + 5 ? <Text dimColor>{t('lookup.movements')}</Text> : null}
      {view.movements.slice(0, Math.max(0, height - view.levels.length - 5)).map((m, i) => (
        <Text key={i} wrap="wrap">
          {m.at.slice(5, 16).replace('T', ' ')} {t(`move.${m.type as 'pick.line.picked'}`)} {target.kind === 'product' ? m.location : m.productCode} {m.type === 'count.line.counted' ? `= ${m.quantity}` : m.quantity > 0 ? `+${m.quantity}` : m.quantity}
        </Text>
      ))}
    </Box>
  );
}
