import { en } from './messages-en.js';
import { fr, type MessageKey } from './messages-fr.js';

export type Lang = 'fr' | 'en';
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** French unless the environment asks for English: operators read French first. */
export function langFromEnv(env: NodeJS.ProcessEnv): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('en') ? 'en' : 'fr';
}

export function createTranslator(lang: Lang): Translate {
  const table = lang === 'en' ? en : fr;
  // a key a newer agent sends that this terminal does not know shows as itself, never as a crash
  return (key, params) => (table[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

/** Feedback codes come from the agent; an unknown one (a newer agent) still shows something. */
export function feedbackKey(code: string): MessageKey {
  const key = `fb.${code}`;
  return (key in fr ? key : 'fb.AGENT_ERROR') as MessageKey;
}

const REASON_TABLES = ['short', 'damage', 'reason'] as const;

/**
 * Parameters as the operator reads them: a reason code from the agent (`crushed`,
 * `empty-location`) becomes its words in the operator's language; other values stay as sent.
 */
export function readableParams(t: Translate, params: Record<string, string | number> | undefined): Record<string, string | number> | undefined {
  if (!params || typeof params.reason !== 'string') return params;
  const reason = params.reason;
  const table = REASON_TABLES.find((prefix) => `${prefix}.${reason}` in fr);
  return table ? { ...params, reason: t(`${table}.${reason}` as MessageKey) } : params;
}
