import { Box, Text } from 'ink';
import type { StationView } from '../../protocol/local-api.js';
import { BigFigure } from '../components/big-figure.js';
import { ChoiceList } from '../components/choice-list.js';
import { RowList } from '../components/row-list.js';
import { TitleRow } from '../components/title-row.js';
import { WrappedText } from '../components/wrapped-text.js';
import { useT, useTerminalSize, useTheme } from '../context/terminal-context.js';
import { localDecimals } from '../i18n/decimal-text.js';
import type { MessageKey } from '../i18n/messages-fr.js';
import type { Translate } from '../i18n/translate.js';
import { keyOf } from '../input/bindings.js';

type PackView = Extract<StationView, { screen: 'pack' }>;

const signed = (n: number) => `${n > 0 ? '+' : ''}${n}`;

function Items({ view, height }: { view: PackView; height: number }) {
  const t = useT();
  const theme = useTheme();
  const rows = view.items.map((item) => {
    const remaining = item.quantity - item.packed;
    const done = remaining === 0 || item.verified === remaining;
    const missing = item.ordered - item.quantity;
    const symbol = missing > 0 ? theme.symbols.warn : done ? theme.symbols.ok : '○';
    return {
      key: item.productCode,
      color: missing > 0 ? theme.error : done ? theme.ok : undefined,
      text: `${symbol} ${item.productCode} ${item.verified}/${remaining}${missing > 0 ? ` ${t('pack.shortPicked', { n: missing })}` : ''} ${item.productName}`,
    };
  });
  return <RowList rows={rows} height={height} />;
}

/** What the weigh step waits for: the parcel on the scale, its weight typed, or a supervisor to let it be typed. */
function waitingFor(view: PackView, t: Translate): string {
  if (view.typedWeight === 'yes') return t('pack.typeWeight', { key: keyOf('pack-weigh', 'type-weight', t) });
  if (view.typedWeight === 'supervisor' && view.phase === 'weigh') return t('pack.scaleOffline', { key: keyOf('pack-weigh', 'override', t) });
  return t('pack.weigh');
}

/** Expected against measured: the measured weight is the key figure, PASS/FAIL in words and symbol. */
function Check({ view }: { view: PackView }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const check = view.check;
  const label = (key: MessageKey) => (compact ? `${t(key)} ` : t(key).padEnd(11));
  const expected = check ? { grams: check.expectedGrams, tolerance: check.toleranceGrams } : view.expected ? { grams: view.expected.grams, tolerance: view.expected.toleranceGrams } : null;
  const measured = check ? localDecimals(check.measured, t.lang) : '';
  const [measuredValue, measuredUnit] = measured.split(' ');
  return (
    <Box flexDirection="column">
      {view.box ? <Text wrap="wrap">{view.box.name}</Text> : null}
      {expected ? (
        <Text wrap="wrap">
          {label('pack.expected')}
          {expected.grams} g ± {expected.tolerance} g
        </Text>
      ) : null}
      {check ? (
        <>
          <BigFigure label={label('pack.measured')} text={measuredValue ?? measured} suffix={check.weightSource === 'manual' ? `${measuredUnit ?? ''} (${t('pack.typed')})` : measuredUnit} />
          <Text wrap="wrap">
            {label('pack.difference')}
            {signed(check.differenceGrams)} g
          </Text>
          {check.missingWeights.length ? (
            <Text color={theme.error} wrap="wrap">
              {t('pack.missing', { products: check.missingWeights.join(', ') })}
            </Text>
          ) : null}
          <Text bold inverse color={check.pass ? theme.ok : theme.error}>
            {' '}
            {/* failed but overridden (carrier phase): a warning, no longer an error */}
            {check.pass ? `${theme.symbols.ok} ${t('pack.pass')}` : `${view.phase === 'carrier' ? theme.symbols.warn : theme.symbols.error} ${t('pack.fail')}`}{' '}
          </Text>
          {!check.pass && check.reason ? <WrappedText color={theme.error}>{t(`weightFail.${check.reason}` as MessageKey)}</WrappedText> : null}
        </>
      ) : (
        <Text color={theme.info} wrap="wrap">
          {waitingFor(view, t)}
        </Text>
      )}
    </Box>
  );
}

export function PackScreen({ view, selected, height }: { view: PackView; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  const { compact } = useTerminalSize();
  const hint =
    view.phase === 'verify' ? t('pack.verify') : view.phase === 'box' ? t('pack.box') : view.phase === 'carrier' ? (view.carrier ? t('pack.tracking', { carrier: view.carrier }) : t('pack.carrier')) : null;
  const head = compact ? 2 : 3;
  return (
    <Box flexDirection="column">
      <TitleRow title={view.order.number} detail={view.order.customer} aside={t('pack.parcel', { n: view.parcelNo })} />
      {compact ? null : <Text wrap="wrap">{view.order.address}</Text>}
      {hint ? (
        <Text color={theme.info} wrap="wrap">
          {hint}
        </Text>
      ) : null}
      {view.phase === 'verify' ? <Items view={view} height={height - head} /> : null}
      {view.phase === 'box' ? <ChoiceList items={view.boxes.map((b) => `${b.code} ${b.name}`)} selected={selected} height={height - head} /> : null}
      {view.phase === 'weigh' || view.phase === 'failed' ? <Check view={view} /> : null}
      {view.phase === 'carrier' && view.check && !compact ? <Check view={view} /> : null}
      {view.phase === 'carrier' && view.check && compact ? (
        <Text bold color={view.check.pass ? theme.ok : theme.accent} wrap="wrap">
          {view.check.pass ? `${theme.symbols.ok} ${t('pack.pass')}` : `${theme.symbols.warn} ${t('pack.fail')}`}{' '}
          {t('pack.checkSummary', { measured: localDecimals(view.check.measured, t.lang), expected: view.check.expectedGrams, tolerance: view.check.toleranceGrams })}
        </Text>
      ) : null}
      {view.phase === 'carrier' && !view.carrier ? <ChoiceList items={view.carriers} selected={selected} height={height - head - (compact ? 2 : 8)} /> : null}
      {view.phase === 'carrier' && view.override ? (
        <Text color={theme.accent} wrap="wrap">
          {t('pack.overridden', { supervisor: view.override.supervisor })}
        </Text>
      ) : null}
    </Box>
  );
}

export function PackDoneScreen({ view, height }: { view: Extract<StationView, { screen: 'pack-done' }>; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.ok} wrap="wrap">
        {theme.symbols.ok} {t('pack.done', { order: view.order.number })}
      </Text>
      <RowList height={height - 1} rows={view.parcels.map((p) => ({ key: String(p.parcelNo), text: `${p.parcelNo}. ${p.carrier} ${p.tracking} ${localDecimals(p.weight, t.lang)}` }))} />
    </Box>
  );
}
