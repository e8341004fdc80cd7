import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getLocation, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { ConfigInvalid, jsonKind, jsonPath } from './config-issues.js';
import { CONFIG_WORDS_EN, type ConfigWords } from './config-words.js';
import { QuaiError } from './quai-error.js';

/** 1-based line and column of a character offset in `text`. */
function lineAndColumn(text: string, offset: number): [number, number] {
  const before = text.slice(0, offset).split('\n');
  return [before.length, before.at(-1)!.length + 1];
}

/**
 * The JSON object of an agent's or a hub's configuration file: JSON with `//` and `/* *\/`
 * comments and trailing commas (JSONC), as `quai init` writes it. Its fields are checked by the
 * schema once merged with the flags.
 * Throws CONFIG_NOT_FOUND (no such file, or a directory); ConfigInvalid (CONFIG_INVALID) for a syntax fault, each
 * named by the JSON path it is at and its line and column, or a document that is not an object.
 */
export function readConfigFile(path: string, words: ConfigWords = CONFIG_WORDS_EN): Record<string, unknown> {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new QuaiError('CONFIG_NOT_FOUND', (error as NodeJS.ErrnoException).code === 'EISDIR' ? words.isDirectory(file) : words.notFound(file));
  }
  const errors: ParseError[] = [];
  const document: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    throw new ConfigInvalid(
      words.notJson(file),
      errors.map((e) => `${jsonPath(getLocation(text, e.offset).path)}: ${words.syntax[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)} (${words.at(...lineAndColumn(text, e.offset))})`),
    );
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new ConfigInvalid(words.notObject(file, jsonKind(document, words)), []);
  }
  return document as Record<string, unknown>;
}
