import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { ChoiceList } from '../components/choice-list.js';
import { TitleRow } from '../components/title-row.js';
import { useT, useTheme } from '../context/terminal-context.js';

export function CountListScreen({ view, selected, height }: { view: Extract<StationView, { screen: 'count-list' }>; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {t('counts.title', { n: view.tasks.length })}
      </Text>
      {view.tasks.length === 0 ? (
        <Text wrap="wrap">{t('counts.empty')}</Text>
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
  const { pending } = view;
  return (
    <Box flexDirection="column">
      <TitleRow title={view.label} aside={view.blind ? t('count.blind') : undefined} />
      {view.phase === 'done' ? (
        <Text bold color={theme.ok} wrap="wrap">
          {theme.symbols.ok} {t('count.closed')}
        </Text>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {view.location ? t('count.atLocation', { location: view.location }) : t('count.scanLocation')}
        </Text>
      )}
      {pending ? (
        <>
          <Text bold color={theme.accent} wrap="wrap">
            {theme.symbols.pointer} {pending.productCode} {pending.productName}
            {pending.expected !== null ? ` (${t('count.expected', { n: pending.expected })})` : ''}
          </Text>
          <BigFigure text={String(pending.quantity)} suffix={t('unit.each')} color={theme.accent} />
        </>
      ) : null}
      {view.lines.slice(-Math.max(1, height - (pending ? 6 : 2))).map((l) => (
        <Text key={`${l.location}|${l.productCode}|${l.lot ?? ''}`} wrap="wrap" color={l.status === 'recount' ? theme.error : undefined}>
          {l.status === 'recount' ? `${theme.symbols.warn} ${t('count.recount')}` : theme.symbols.ok} {l.location} {l.productCode}
          {l.expected !== null ? ` (${t('count.expected', { n: l.expected })})` : ''}
        </Text>
      ))}
    </Box>
  );
}
