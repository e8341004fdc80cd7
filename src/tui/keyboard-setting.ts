import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';

/** Countries whose usual keyboard is one of the layouts Quai knows (the others are taken as US). */
const BY_COUNTRY: Record<string, KeyboardLayout> = { FR: 'fr', BE: 'be', LU: 'fr', MC: 'fr', CH: 'ch', LI: 'ch', DE: 'de', AT: 'de' };

/**
 * The terminal's keyboard layout told by its locale (LC_ALL, then LANG), when neither
 * `quai tui --keyboard` nor the agent's `wedge.keyboard` says: `fr_FR.UTF-8` → fr, `fr_BE` or
 * `nl_BE` → be, `de_CH` or `fr_CH` → ch, `de_DE` or `de_AT` → de, anything else → us.
 */
export function keyboardFromEnv(env: NodeJS.ProcessEnv): KeyboardLayout {
  const locale = env.LC_ALL || env.LANG || '';
  const country = /^[a-z]{2,3}_([A-Z]{2})/i.exec(locale)?.[1]?.toUpperCase();
  return (country && BY_COUNTRY[country]) || 'us';
}
