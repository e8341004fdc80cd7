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
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
}

/** Feedback codes come from the agent; an unknown one (a newer agent) still shows something. */
export function feedbackKey(code: string): MessageKey {
  const key = `fb.${code}`;
  return (key in fr ? key : 'fb.AGENT_ERROR') as MessageKey;
}
