/** Tryton's JSON value encoding (shared/reference/tryton.md §4): Numeric fields and dates are tagged objects. */
export interface TrytonDecimal {
  __class__: 'Decimal';
  decimal: string;
}
export interface TrytonDate {
  __class__: 'date';
  year: number;
  month: number;
  day: number;
}

export const decimal = (value: string | number): TrytonDecimal => ({ __class__: 'Decimal', decimal: String(value) });

/** A calendar date, from `YYYY-MM-DD`. */
export function trytonDate(iso: string): TrytonDate {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { __class__: 'date', year, month, day };
}

/** Turns Tryton's tagged values in a reply into plain ones: Decimal → string, date → YYYY-MM-DD, datetime → ISO (UTC). */
export function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== 'object') return value;
  const tagged = value as Record<string, unknown>;
  switch (tagged.__class__) {
    case 'Decimal':
      return String(tagged.decimal);
    case 'date':
      return `${String(tagged.year).padStart(4, '0')}-${String(tagged.month).padStart(2, '0')}-${String(tagged.day).padStart(2, '0')}`;
    case 'datetime': {
      const pad = (n: unknown, width = 2) => String(n).padStart(width, '0');
      return `${pad(tagged.year, 4)}-${pad(tagged.month)}-${pad(tagged.day)}T${pad(tagged.hour)}:${pad(tagged.minute)}:${pad(tagged.second)}.${pad(Math.floor(Number(tagged.microsecond ?? 0) / 1000), 3)}Z`;
    }
    default:
      return Object.fromEntries(Object.entries(tagged).map(([k, v]) => [k, plain(v)]));
  }
}

/** A naive-UTC datetime, as Tryton stores write_date and create_date, from an ISO string. */
export function trytonDateTime(iso: string): Record<string, unknown> {
  const d = new Date(iso);
  return { __class__: 'datetime', year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), microsecond: d.getUTCMilliseconds() * 1000 };
}
