const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A section of a configuration file (`hub`, `listen`, `tryton`…) with the flags given laid over it
 * and `fallback` under it: flag, else the file's value, else the fallback (an undefined flag keeps
 * the file's value). A section the file wrote as something other than an object is returned as
 * written, so the schema's error names the file's own path (`listen: expected an object, not an
 * array`); an absent one with neither flag nor fallback stays absent.
 */
export function overlay(section: unknown, flags: Record<string, unknown>, fallback: Record<string, unknown> = {}): unknown {
  const given = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  if (section !== undefined && !isObject(section)) return section;
  const merged = { ...fallback, ...section, ...given };
  return section === undefined && Object.keys(merged).length === 0 ? undefined : merged;
}
