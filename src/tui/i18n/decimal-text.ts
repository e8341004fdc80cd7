import type { Lang } from './translate.js';

/**
 * A weight as the agent words it (`1.127 kg`, the scale's own decimal point) written with the
 * language's decimal mark: `1,127 kg` in French, as unchanged in English. Only a point between two
 * digits is a decimal mark; anything else in the text stays as it is.
 */
export function localDecimals(text: string, lang: Lang): string {
  return lang === 'fr' ? text.replace(/(\d)\.(\d)/g, '$1,$2') : text;
}
