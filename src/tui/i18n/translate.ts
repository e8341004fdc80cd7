import { isSiteDay } from '../../domain/site-time.js';
import { localDecimals } from './decimal-text.js';
import { localDay } from './relative-time.js';
import { en } from './messages-en.js';
import { fr, type MessageKey } from './messages-fr.js';

export type Lang = 'fr' | 'en';
/** Words of a message in the operator's language (`lang`), its `{name}` placeholders filled from `params`. */
export type Translate = ((key: MessageKey, params?: Record<string, string | number>) => string) & { readonly lang: Lang };

/** French unless the environment asks for English: operators read French first. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function createTranslator(lang: Lang): Translate {
  const table = lang === 'en' ? en : fr;
  // a key a newer agent sends that this terminal does not know shows as itself, never as a crash
  const translate = (key: MessageKey, params?: Record<string, string | number>) => (table[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
  return Object.assign(translate, { lang });
}

/** Feedback codes come from the agent; an unknown one (a newer agent) still shows something. */
export function feedbackKey(code: string): MessageKey {
  const key = `fb.${code}`;
  return (key in fr ? key : 'fb.AGENT_ERROR') as MessageKey;
}

/** Parameters that are a weight as the agent words it (`1.127 kg`, `0.120`). */
const WEIGHT_PARAMS = ['measured', 'weight'] as const;

/** The tables a parameter's code is looked up in, by parameter name, first match wins. */
const CODE_TABLES: Record<string, readonly string[]> = {
  reason: ['short', 'damage', 'reason', 'label', 'scaleRefusal', 'weightFail'],
  command: ['scaleCommand'],
  scope: ['counts.scope'],
};

/**
 * Parameters as the operator reads them: a code from the agent (a reason such as `crushed` or
 * `empty-location`, a scale command) becomes its words in the operator's language; other values
 * and codes this terminal does not know stay as sent.
 */
export function readableParams(t: Translate, params: Record<string, string | number> | undefined): Record<string, string | number> | undefined {
  if (!params) return params;
  const readable = { ...params };
  for (const [name, tables] of Object.entries(CODE_TABLES)) {
    const value = params[name];
    if (typeof value !== 'string') continue;
    const table = tables.find((prefix) => `${prefix}.${value}` in fr);
    if (table) readable[name] = t(`${table}.${value}` as MessageKey);
  }
  // weights the agent words with the scale's decimal point: the operator's decimal mark
  for (const name of WEIGHT_PARAMS) {
    const value = params[name];
    if (typeof value === 'string') readable[name] = localDecimals(value, t.lang);
  }
  // a lot's expiry day (`YYYY-MM-DD`) as the operator writes a day; another form as sent
  if (typeof params.expiry === 'string' && isSiteDay(params.expiry)) readable.expiry = localDay(params.expiry, t.lang);
  return readable;
}
