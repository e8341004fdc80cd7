import { Box, Text } from 'ink';
import { OVERRIDE_REASONS } from '../../domain/events.js';
import { useT, useTheme } from '../context/terminal-context.js';
import type { Modal } from '../input/ui-state.js';
import { ReasonScreen } from './reason-screen.js';

type OverrideStep = Extract<Modal, { kind: 'override' }>['step'];

/** The supervisor override: code, PIN (never shown), reason. */
export function OverrideScreen({ step, supervisor, selected, height }: { step: OverrideStep; supervisor: string; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  if (step === 'reason') return <ReasonScreen title="pack.reason" context={t('override.supervisorIs', { supervisor })} reasons={OVERRIDE_REASONS} prefix="reason" selected={selected} height={height} />;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error} wrap="wrap">
        {theme.symbols.warn} {t('pack.override')}
      </Text>
      <Text wrap="wrap">{t(step === 'supervisor' ? 'override.askSupervisor' : 'override.askPin', { supervisor })}</Text>
    </Box>
  );
}
