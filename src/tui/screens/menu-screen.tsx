import { Box, Text } from 'ink';
import type { Translate } from '../i18n/translate.js';
import type { Theme } from '../theme.js';
import { ChoiceList } from '../components/choice-list.js';

export const MENU_ITEMS = ['pick', 'pack', 'receive', 'count', 'lookup', 'sign-out'] as const;

/** The menu; when the ERP has rejected events, a banner says so, for a supervisor to look at. */
export function MenuScreen({ pausedOrder, pausedPack, rejected, selected, t, theme }: { pausedOrder: string | null; pausedPack: string | null; rejected: number; selected: number; t: Translate; theme: Theme }) {
  const labels = [
    `1 ${t('menu.pick')}${pausedOrder ? ` (${t('menu.paused', { order: pausedOrder })})` : ''}`,
    `2 ${t('menu.pack')}${pausedPack ? ` (${t('menu.pausedPack', { order: pausedPack })})` : ''}`,
    `3 ${t('menu.receive')}`,
    `4 ${t('menu.count')}`,
    `5 ${t('menu.lookup')}`,
    `6 ${t('menu.signOut')}`,
  ];
  return (
    <Box flexDirection="column">
      <Text bold color={theme.accent}>
        {t('menu.title')}
      </Text>
      {rejected > 0 ? (
        <Text color={theme.error} wrap="truncate-end">
          {theme.symbols.warn} {t('menu.rejected', { n: rejected })}
        </Text>
      ) : null}
      <ChoiceList items={labels} selected={selected} height={labels.length} theme={theme} />
    </Box>
  );
}
