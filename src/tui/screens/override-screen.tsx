import { Box, Text } from 'ink';
import { OVERRIDE_REASONS } from '../../domain/events.js';
import { ChoiceList } from '../components/choice-list.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';

export type OverrideStep = 'supervisor' | 'pin' | 'reason';

/** The supervisor override: code, PIN (never shown), reason. */
export function OverrideScreen({ step, supervisor, selected, t, theme }: { step: OverrideStep; supervisor: string; selected: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error}>
        {theme.symbols.warn} {t('pack.override')}
      </Text>
      {step !== 'supervisor' ? (
        <Text>
          {t('pack.supervisor')}: {supervisor}
        </Text>
      ) : null}
      {step === 'reason' ? (
        <>
          <Text>{t('pack.reason')}</Text>
          <ChoiceList items={OVERRIDE_REASONS.map((r, i) => `${i + 1} ${t(`reason.${r}`)}`)} selected={selected} height={OVERRIDE_REASONS.length} theme={theme} />
        </>
      ) : null}
    </Box>
  );
}
