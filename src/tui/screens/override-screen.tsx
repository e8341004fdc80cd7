import { Box, Text } from 'ink';
import { APPROVAL_REASONS } from '../../domain/approval.js';
import { useT, useTheme } from '../context/terminal-context.js';
import type { Modal } from '../input/ui-state.js';
import { ReasonScreen } from './reason-screen.js';

type OverrideModal = Extract<Modal, { kind: 'override' }>;

const PROMPTS = { supervisor: 'override.askSupervisor', checking: 'override.checking', pin: 'override.askPin', note: 'override.askNote' } as const;

/** A supervisor's approval: code (checked by the agent), PIN (never shown), reason from the approval kind's list, a note for "other". */
export function OverrideScreen({ approval, step, supervisor, reason, selected, height }: Pick<OverrideModal, 'approval' | 'step' | 'supervisor' | 'reason'> & { selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  if (step === 'reason') return <ReasonScreen title="approval.reason" context={t('override.supervisorIs', { supervisor })} reasons={APPROVAL_REASONS[approval]} prefix="reason" selected={selected} height={height} />;
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error} wrap="wrap">
        {theme.symbols.warn} {t(`approval.${approval}`)}
      </Text>
      {step !== 'supervisor' && <Text wrap="wrap">{t('override.supervisorIs', { supervisor })}{reason ? ` · ${t(`reason.${reason}`)}` : ''}</Text>}
      <Text wrap="wrap">{t(PROMPTS[step], { supervisor })}</Text>
    </Box>
  );
}
