import { Box, Text } from 'ink';
import { ChoiceList } from '../components/choice-list.js';
import { useT, useTheme } from '../context/terminal-context.js';
import type { Modal } from '../input/ui-state.js';

/** Which item a code with two known readings is (SCAN_AMBIGUOUS): each reading numbered, with its item. */
export function ReadingScreen({ modal, selected, height }: { modal: Extract<Modal, { kind: 'reading' }>; selected: number; height: number }) {
  const t = useT();
  const theme = useTheme();
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent} wrap="wrap">
        {theme.symbols.warn} {t('reading.title', { data: modal.data })}
      </Text>
      <ChoiceList items={modal.readings.map((r, i) => `${i + 1} ${r.reading} ${r.productName} (${r.productCode})`)} selected={selected} height={height - 2} />
    </Box>
  );
}
