import type { z } from 'zod';
import { CONFIG_WORDS_EN, type ConfigWords } from './config-words.js';
import { QuaiError } from './quai-error.js';

/**
 * CONFIG_INVALID naming each fault by its JSON path (`hub.urll: unknown key`); the message is
 * `<subject>: <fault>; <fault>…`, and `faults` holds them one by one for `quai config check`.
 */
export class ConfigInvalid extends QuaiError {
  constructor(
    readonly subject: string,
    readonly faults: readonly string[],
  ) {
    super('CONFIG_INVALID', faults.length > 0 ? `${subject}: ${faults.join('; ')}` : subject);
  }
}

/** What a JSON value is, for messages: `an array`, `a number`, `null`, `an object`… */
export function jsonKind(value: unknown, words: ConfigWords = CONFIG_WORDS_EN): string {
  if (value === null) return words.kinds.null;
  if (Array.isArray(value)) return words.kinds.array;
  if (value === undefined) return words.kinds.missing;
  const type = typeof value;
  return words.kinds[type as keyof ConfigWords['kinds']] ?? type;
}

/** `stations.PACK-1.devices[0].serial`, or `(root)` for the whole document. */
export function jsonPath(path: readonly PropertyKey[]): string {
  const text = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');
  return text || '(root)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/**
 * Each fault of a configuration named by its JSON path, in the admin's words:
 * `hub.urll: unknown key`, `listen: expected an object, not an array`, `hub.url: must be a ws:// URL`.
 * `input` is the document checked: a wrong type is told by what was found there. `flags` names the
 * flag that can give a field (`{ 'tls.keyFile': '--tls-key' }`), said with a missing one.
 */
export function configFaults(issues: readonly z.core.$ZodIssue[], input: unknown, words: ConfigWords = CONFIG_WORDS_EN, flags: Record<string, string> = {}): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${jsonPath([...issue.path, key])}: ${words.unknownKey}`);
    const found = valueAt(input, issue.path);
    const path = jsonPath(issue.path);
    if (issue.code === 'invalid_type' && found === undefined) return [`${path}: ${words.required}${flags[path] ? ` (${flags[path]})` : ''}`];
    const expected = issue.code === 'invalid_type' ? words.kinds[issue.expected as keyof ConfigWords['kinds']] : undefined;
    if (expected) return [`${path}: ${words.expected(expected, jsonKind(found, words))}`];
    const word = issue.code === 'custom' ? (issue.params?.word as keyof ConfigWords['refused'] | undefined) : undefined;
    if (word && word in words.refused) return [`${path}: ${words.refused[word]}`];
    return [`${jsonPath(issue.path)}: ${issue.message}`];
  });
}
