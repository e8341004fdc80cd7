import { Box, Text } from 'ink';
import { APPROVAL_REASONS } from '../../domain/approval.js';
import { useT, useTheme } from '../context/terminal-context.js';
import type { Modal } from '../input/ui-state.js';
import { ReasonScreen } from './reason-screen.js';

type OverrideModal = Extract<Modal, { kind: 'override' }>;

/** A supervisor's approval: code, PIN (never shown), reason from the approval kind's list. */
export function OverrideScreen({ approval, step, supervisor, selected, height }: Pick<OverrideModal, 'approval' | 'step' | 'supervisor'> & { selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  if (step === 'reason') return <ReasonScreen title="approval.reason" context={t('override.supervisorIs', { supervisor })} reasons={APPROVAL_REASONS[approval]} prefix="reason" selected={selected} height={height} />;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error} wrap="wrap">
        {theme.symbols.warn} {t(`approval.${approval}`)}
      </Text>
      <Text wrap="wrap">{t(step === 'supervisor' ? 'override.askSupervisor' : 'override.askPin', { supervisor })}</Text>
    </Box>
  );
}
