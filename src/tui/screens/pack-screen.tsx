import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { ChoiceList } from '../components/choice-list.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

type PackView = Extract<StationView, { screen: 'pack' }>;

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

function Items({ view, height, t, theme }: { view: PackView; height: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      {view.items.slice(0, Math.max(1, height)).map((item) => {
        const remaining = item.quantity - item.packed;
        const done = remaining === 0 || item.verified === remaining;
        const missing = item.ordered - item.quantity;
        return (
          <Text key={item.productCode} wrap="truncate" color={missing > 0 ? theme.error : done ? theme.ok : undefined}>
            {missing > 0 ? theme.symbols.warn : done ? theme.symbols.ok : '○'} {item.productCode} {item.verified}/{remaining}
            {missing > 0 ? ` ${t('pack.shortPicked', { n: missing })}` : ''} {item.productName}
          </Text>
        );
      })}
    </Box>
  );
}

function Check({ view, compact, t, theme }: { view: PackView; compact: boolean; t: Translate; theme: Theme }) {
  const check = view.check;
  const label = (key: Parameters<Translate>[0]) => (compact ? '' : t(key).padEnd(11));
  return (
    <Box flexDirection="column">
      {view.box ? <Text wrap="truncate">{view.box.name}</Text> : null}
      {check ? (
        <>
          <Text>
            {label('pack.expected')}
            {check.expectedGrams} g ± {check.toleranceGrams} g
          </Text>
          <Text bold>
            {label('pack.measured')}
            {check.measured}
          </Text>
          <Text>
            {label('pack.difference')}
            {signed(check.differenceGrams)} g
          </Text>
          {check.missingWeights.length ? <Text color={theme.error}>{t('pack.missing', { products: check.missingWeights.join(', ') })}</Text> : null}
          <Text bold inverse={!theme.ok} color={check.pass ? theme.ok : theme.error}>
            {check.pass ? `${theme.symbols.ok} ${t('pack.pass')}` : `${theme.symbols.error} ${t('pack.fail')}`}
          </Text>
        </>
      ) : (
        <>
          {view.expected ? (
            <Text>
              {label('pack.expected')}
              {view.expected.grams} g ± {view.expected.toleranceGrams} g
            </Text>
          ) : null}
          <Text color={theme.info}>{t('pack.weigh')}</Text>
        </>
      )}
    </Box>
  );
}

export function PackScreen({ view, selected, height, compact, t, theme }: { view: PackView; selected: number; height: number; compact: boolean; t: Translate; theme: Theme }) {
  const hint =
    view.phase === 'verify' ? t('pack.verify') : view.phase === 'box' ? t('pack.box') : view.phase === 'carrier' ? (view.carrier ? t('pack.tracking', { carrier: view.carrier }) : t('pack.carrier')) : null;
  return (
    <Box flexDirection="column">
      <Box justifyContent="space-between">
        <Text bold wrap="truncate">
          {view.order.number}
          {compact ? '' : ` · ${view.order.customer}`}
        </Text>
        <Text>{t('pack.parcel', { n: view.parcelNo })}</Text>
      </Box>
      {compact ? null : <Text wrap="truncate">{view.order.address}</Text>}
      {hint ? (
        <Text color={theme.info} wrap="truncate">
          {hint}
        </Text>
      ) : null}
      {view.phase === 'verify' ? <Items view={view} height={height - 3} t={t} theme={theme} /> : null}
      {view.phase === 'box' ? <ChoiceList items={view.boxes.map((b) => `${b.code} ${b.name}`)} selected={selected} height={height - 3} theme={theme} /> : null}
      {view.phase === 'weigh' || view.phase === 'failed' ? <Check view={view} compact={compact} t={t} theme={theme} /> : null}
      {view.phase === 'carrier' && view.check ? (
        <Text bold color={view.check.pass ? theme.ok : theme.accent} wrap="truncate">
          {view.check.pass ? `${theme.symbols.ok} ${t('pack.pass')}` : `${theme.symbols.warn} ${t('pack.fail')}`} {view.check.measured}
        </Text>
      ) : null}
      {view.phase === 'carrier' && !view.carrier ? <ChoiceList items={view.carriers} selected={selected} height={height - 3} theme={theme} /> : null}
      {view.phase === 'carrier' && view.override ? <Text color={theme.accent}>{t('pack.overridden', { supervisor: view.override.supervisor })}</Text> : null}
    </Box>
  );
}

export function PackDoneScreen({ view, height, t, theme }: { view: Extract<StationView, { screen: 'pack-done' }>; height: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.ok}>
        {theme.symbols.ok} {t('pack.done', { order: view.order.number })}
      </Text>
      {view.parcels.slice(0, Math.max(1, height - 2)).map((p) => (
        <Text key={p.parcelNo} wrap="truncate">
          {p.parcelNo}. {p.carrier} {p.tracking} {p.weight}
        </Text>
      ))}
      <Text>{t('pack.next')}</Text>
    </Box>
  );
}
