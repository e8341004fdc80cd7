import { Box, Text } from 'ink';
import { SHORT_REASONS } from '../../domain/events.js';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';
import { ChoiceList } from '../components/choice-list.js';

export function ShortReasonScreen({ selected, t, theme }: { selected: number; t: Translate; theme: Theme }) {
  return (
    <Box flexDirection="column">
      <Text bold color={theme.error}>
        {theme.symbols.warn} {t('short.title')}
      </Text>
      <ChoiceList items={SHORT_REASONS.map((r, i) => `${i + 1} ${t(`short.${r}`)}`)} selected={selected} height={SHORT_REASONS.length} theme={theme} />
    </Box>
  );
}
