import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { RowList } from '../components/row-list.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';
import { useSiteNow } from '../context/site-clock.js';
import { expiryText, timeAgo } from '../i18n/relative-time.js';

type LookupView = Extract<StationView, { screen: 'lookup' }>;

/** Stock of a product or a bin: on hand, reserved, available per bin and lot (a suspect bin marked); what is coming. */
export function LookupScreen({ view, height }: { view: LookupView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact, columns } = useTerminalSize();
  const { now, timeZone } = useSiteNow();
  const target = view.target;
  if (!target) {
    return (
      <Text color={theme.info} wrap="wrap">
        {t('lookup.prompt')}
      </Text>
    );
  }
  const available = view.levels.reduce((sum, l) => sum + l.available, 0);
  // a bin's name is its code: said once
  const title = target.name && target.name !== target.code ? `${target.code} ${target.name}` : target.code;
  const where = (l: { location: string; productCode: string }) => (target.kind === 'product' ? l.location : l.productCode);
  const whereWidth = Math.max(t('lookup.colWhere').length, ...view.levels.map((l) => where(l).length));
  const figure = (value: string | number) => String(value).padStart(6);
  const head = `${t('lookup.colWhere').padEnd(whereWidth)}${figure(t('lookup.colStock'))}${figure(t('lookup.colReserved'))}${figure(t('lookup.colAvailable'))}  ${t('lookup.colLot')}`;
  const levels = view.levels.map((l) => ({
    key: `${l.productCode}|${l.location}|${l.lot}`,
    // a suspect bin (found empty by a picker, not counted since) says so in words, colour or not
    text: `${where(l).padEnd(whereWidth)}${figure(l.onHand)}${figure(l.reserved)}${figure(l.available)}${l.suspect ? `  ${t('lookup.suspect')}` : ''}${l.lot ? `  ${l.lot}` : ''}${l.expiry && !compact ? ` · ${expiryText(l.expiry, now, timeZone, t)}` : ''}`,
  }));
  // how long ago, in a column as wide as its longest entry
  const ago = view.movements.map((m) => timeAgo(Date.parse(m.at), now, t.lang));
  const agoWidth = Math.max(0, ...ago.map((a) => a.length));
  const movements = view.movements.map((m, i) => ({
    key: String(i),
    text: `${ago[i]!.padEnd(agoWidth)} ${t(`move.${m.type as 'pick.line.picked'}`)} ${where(m)} ${m.type === 'count.line.counted' ? `= ${m.quantity}` : m.quantity > 0 ? `+${m.quantity}` : m.quantity}`,
  }));
  // the levels first; the movements only in the room left
  const levelsHeight = height - 2 - rowsOf(title, columns - 1);
  const levelRows = levels.reduce((sum, l) => sum + rowsOf(l.text, columns - 1), 0);
  const movementsHeight = levelsHeight - levelRows - 1;
  return (
    <Box flexDirection="column">
      <WrappedText bold>{title}</WrappedText>
      <WrappedText bold color={theme.accent}>
        {`${t('lookup.available', { n: available })}${target.kind === 'product' ? ` · ${t('lookup.incoming', { n: view.incoming })}` : ''}`}
      </WrappedText>
      <WrappedText dimColor>{head}</WrappedText>
      <RowList rows={levels} height={Math.max(1, levelsHeight)} />
      {movements.length && movementsHeight > 1 ? (
        <>
          <WrappedText dimColor>{t('lookup.movements')}</WrappedText>
          <RowList rows={movements} height={movementsHeight - 1} />
        </>
      ) : null}
    </Box>
  );
}
