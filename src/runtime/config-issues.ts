import type { z } from 'zod';

/** What a JSON value is, for messages: `an array`, `a number`, `null`, `an object`… */
export function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === undefined) return 'missing';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
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
 * One line naming each fault of a configuration by its JSON path, in the admin's words:
 * `hub.urll: unknown key; listen: expected an object, not an array; hub.url: must be a ws:// URL`.
 * `input` is the document checked: a wrong type is told by what was found there.
 */
export function describeConfigIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issues
    .flatMap((issue) => {
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${jsonPath([...issue.path, key])}: unknown key`);
      const found = valueAt(input, issue.path);
      if (issue.code === 'invalid_type' && issue.expected === 'object' && found !== undefined) return [`${jsonPath(issue.path)}: expected an object, not ${jsonKind(found)}`];
      return [`${jsonPath(issue.path)}: ${issue.message}`];
    })
    .join('; ');
}
