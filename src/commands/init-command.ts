import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { QuaiError } from '../runtime/quai-error.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { starterConfig } from './starter-configs.js';

const WORDS = {
  en: { exists: (file: string) => `${file} exists already: choose another file, or --force to replace it`, written: (file: string) => `written: ${file}\ncheck it with: quai config check ${file}` },
  fr: { exists: (file: string) => `${file} existe déjà : choisir un autre fichier, ou --force pour le remplacer`, written: (file: string) => `écrit : ${file}\nà vérifier avec : quai config check ${file}` },
} satisfies Record<Lang, Record<string, (file: string) => string>>;

/**
 * `quai init agent|hub [FILE]`: the commented starter configuration, to FILE (its directory
 * created) or, without one, to stdout. Returns what to print. Throws INIT_FILE_EXISTS when FILE
 * exists and `force` is not set (nothing is written).
 */
export function runInit(kind: 'agent' | 'hub', file: string | undefined, options: { force: boolean; lang: Lang; agentId?: string; siteId?: string }): string {
  const text = starterConfig(kind, options.lang, options);
  if (!file) return text;
  const path = resolve(file);
  if (existsSync(path) && !options.force) throw new QuaiError('INIT_FILE_EXISTS', WORDS[options.lang].exists(path));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return `${WORDS[options.lang].written(path)}\n`;
}

/** `quai init` as the command line runs it: the starter config or where it was written, on stdout. */
export function runInitCommand(kind: 'agent' | 'hub', file: string | undefined, opts: { force: boolean; lang?: Lang; agentId?: string; siteId?: string }): void {
  process.stdout.write(runInit(kind, file, { ...opts, lang: opts.lang ?? langFromEnv(process.env) }));
}
