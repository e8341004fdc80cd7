import type { Knex } from 'knex';

export interface AuditEntry {
  at: string;
  station: string;
  operator: string | null;
  intent: string;
  source: string | null;
  /** The scan or typed text exactly as received, for "what did the reader send?" questions. */
  raw: string | null;
  /** A wedge burst matched nothing as typed and was read again through a keyboard layout: the text taken and that layout. */
  remapped?: { layout: string; text: string } | null;
  outcomeLevel: string | null;
  outcomeCode: string | null;
  eventIds: string[];
}

/** Every intent a station receives and what came of it: what a supervisor reads after the fact. */
export class AuditRepo {
  constructor(private readonly db: Knex) {}

  async record(trx: Knex.Transaction, entry: AuditEntry): Promise<void> {
    await trx('audit').insert({
      at: entry.at,
      station: entry.station,
      operator: entry.operator,
      intent: entry.intent,
      source: entry.source,
      raw: entry.raw,
      remapped_text: entry.remapped?.text ?? null,
      remapped_layout: entry.remapped?.layout ?? null,
      outcome_level: entry.outcomeLevel,
      outcome_code: entry.outcomeCode,
      event_ids: entry.eventIds.length ? JSON.stringify(entry.eventIds) : null,
    });
  }

  /** The latest entries, newest first, of one station or of all. */
  /** What operators and devices entered (scans, typed codes), newest first. */
  recentInputs(limit: number): Promise<AuditEntry[]> {
    return this.recent(null, limit, 'input');
  }

  async recent(station: string | null, limit: number, intent?: string): Promise<AuditEntry[]> {
    const query = this.db('audit').orderBy('id', 'desc').limit(limit);
    if (station) query.where({ station });
    if (intent) query.where({ intent });
    const rows = await query;
    return rows.map((r: Record<string, string | null>) => ({
      at: r.at!,
      station: r.station!,
      operator: r.operator ?? null,
      intent: r.intent!,
      source: r.source ?? null,
      raw: r.raw ?? null,
      remapped: r.remapped_text != null && r.remapped_layout != null ? { layout: r.remapped_layout, text: r.remapped_text } : null,
      outcomeLevel: r.outcome_level ?? null,
      outcomeCode: r.outcome_code ?? null,
      eventIds: r.event_ids ? (JSON.parse(r.event_ids) as string[]) : [],
    }));
  }
}
