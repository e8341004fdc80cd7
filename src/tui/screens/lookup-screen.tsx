import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

/** Stock of a product or a bin: on hand, reserved, available per bin and lot; what is coming. */
export function LookupScreen({ view, height, compact, t, theme }: { view: Extract<StationView, { screen: 'lookup' }>; height: number; compact: boolean; t: Translate; theme: Theme }) {
  if (!view.target) return <Text color={theme.info}>{t('lookup.prompt')}</Text>;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {view.target.code} {view.target.kind === 'product' ? view.target.name : ''}
      </Text>
      <Text dimColor wrap="truncate">
        {compact ? t('lookup.headCompact') : t('lookup.head')}
      </Text>
      {view.levels.slice(0, Math.max(1, height - 3)).map((l) => (
        <Text key={`${l.productCode}|${l.location}|${l.lot}`} wrap="truncate">
          {view.target!.kind === 'product' ? l.location : l.productCode} {String(l.onHand).padStart(4)} {String(l.reserved).padStart(4)} {String(l.available).padStart(4)}
          {l.lot ? ` ${l.lot}` : ''}
          {l.expiry && !compact ? ` ${l.expiry}` : ''}
        </Text>
      ))}
      {view.target.kind === 'product' ? <Text>{t('lookup.incoming', { n: view.incoming })}</Text> : null}
      {view.movements.length && height > view.levels.length + 5 ? <Text dimColor>{t('lookup.movements')}</Text> : null}
      {view.movements.slice(0, Math.max(0, height - view.levels.length - 5)).map((m, i) => (
        <Text key={i} wrap="truncate">
          {m.at.slice(5, 16).replace('T', ' ')} {t(`move.${m.type as 'pick.line.picked'}`)} {view.target!.kind === 'product' ? m.location : m.productCode} {m.type === 'count.line.counted' ? `= ${m.quantity}` : m.quantity > 0 ? `+${m.quantity}` : m.quantity}
        </Text>
      ))}
    </Box>
  );
}
