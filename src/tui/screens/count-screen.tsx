import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { ChoiceList } from '../components/choice-list.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

export function CountListScreen({ view, selected, height, t, theme }: { view: Extract<StationView, { screen: 'count-list' }>; selected: number; height: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('counts.title', { n: view.tasks.length })}
      </Text>
      {view.tasks.length === 0 ? <Text>{t('counts.empty')}</Text> : <ChoiceList items={view.tasks.map((task) => `${task.id} ${t(`counts.scope.${task.scope as 'location'}`)} ${task.target}`)} selected={selected} height={height - 1} theme={theme} />}
    </Box>
  );
}

/** A count: the bin, the product being counted, the lines; expected quantities only when not blind. */
export function CountScreen({ view, height, t, theme }: { view: Extract<StationView, { screen: 'count' }>; height: number; t: Translate; theme: Theme }) {
  const { pending } = view;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {view.label}
        {view.blind ? ` · ${t('count.blind')}` : ''}
      </Text>
      {view.phase === 'done' ? (
        <Text bold color={theme.ok}>
          {theme.symbols.ok} {t('count.closed')}
        </Text>
      ) : (
        <Text color={theme.info} wrap="truncate">
          {view.location ? t('count.atLocation', { location: view.location }) : t('count.scanLocation')}
        </Text>
      )}
      {pending ? (
        <Text bold color={theme.accent} wrap="truncate">
          {theme.symbols.pointer} {pending.productCode} × {pending.quantity}
          {pending.expected !== null ? ` (${t('count.expected', { n: pending.expected })})` : ''}
        </Text>
      ) : null}
      {view.lines.slice(-Math.max(1, height - 3)).map((l) => (
        <Text key={`${l.location}|${l.productCode}|${l.lot ?? ''}`} wrap="truncate" color={l.status === 'recount' ? theme.error : undefined}>
          {l.status === 'recount' ? `${theme.symbols.warn} ${t('count.recount')}` : theme.symbols.ok} {l.location} {l.productCode}
          {l.expected !== null ? ` (${t('count.expected', { n: l.expected })})` : ''}
        </Text>
      ))}
    </Box>
  );
}
