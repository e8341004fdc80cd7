import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { ChoiceList } from '../components/choice-list.js';
import { TitleRow } from '../components/title-row.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { RowList } from '../components/row-list.js';
import { keyOf } from '../input/bindings.js';
import { WrappedText, rowsOf } from '../components/wrapped-text.js';

export function CountListScreen({ view, selected, height }: { view: Extract<StationView, { screen: 'count-list' }>; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {t('counts.title', { n: view.tasks.length })}
      </Text>
      {view.tasks.length === 0 ? (
        <Text wrap="wrap">{t('counts.empty', { key: keyOf('count-list', 'free-count', t) })}</Text>
      ) : (
        <ChoiceList items={view.tasks.map((task) => `${task.id} ${t(`counts.scope.${task.scope as 'location'}`)} ${task.target}`)} selected={selected} height={height - 1} />
      )}
    </Box>
  );
}

/** A count: the bin, the product being counted (its quantity the key figure), the lines; expected quantities only when not blind. */
export function CountScreen({ view, height }: { view: Extract<StationView, { screen: 'count' }>; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact, columns } = useTerminalSize();
  const { pending } = view;
  const offer = view.offer ? `${theme.symbols.warn} ${t('count.offer', { location: view.offer, key: keyOf('count', 'adhoc-count', t) })}` : '';
  const pendingText = pending ? `${theme.symbols.pointer} ${pending.productCode} ${pending.productName}${pending.expected !== null ? ` (${t('count.expected', { n: pending.expected })})` : ''}` : '';
  return (
    <Box flexDirection="column">
      <TitleRow title={view.label} aside={[view.paused ? t('count.paused', { task: view.paused }) : '', view.blind ? t('count.blind') : ''].filter(Boolean).join(' · ') || undefined} />
      {view.phase === 'done' ? (
        <Text bold color={theme.ok} wrap="wrap">
          {theme.symbols.ok} {t('count.closed')}
        </Text>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {view.location ? t('count.atLocation', { location: view.location }) : t('count.scanLocation')}
        </Text>
      )}
      {offer ? (
        <WrappedText bold color={theme.error}>
          {offer}
        </WrappedText>
      ) : null}
      {pending ? (
        <>
          <WrappedText bold color={theme.accent}>
            {pendingText}
          </WrappedText>
          <BigFigure text={String(pending.quantity)} suffix={t('unit.each')} color={theme.accent} />
        </>
      ) : null}
      <RowList
        latest
        height={height - 2 - (offer ? rowsOf(offer, columns - 1) : 0) - (pending ? rowsOf(pendingText, columns - 1) + (compact ? 1 : 3) : 0)}
        rows={view.lines.map((l) => ({
          key: `${l.location}|${l.productCode}|${l.lot ?? ''}`,
          color: l.status === 'recount' ? theme.error : undefined,
          text: `${l.status === 'recount' ? `${theme.symbols.warn} ${t('count.recount')}` : theme.symbols.ok} ${l.location} ${l.productCode}${l.expected !== null ? ` (${t('count.expected', { n: l.expected })})` : ''}`,
        }))}
      />
    </Box>
  );
}
