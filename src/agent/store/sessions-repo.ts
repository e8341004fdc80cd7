import type { Knex } from 'knex';
import { heldDocuments, type DocumentKind } from '../../domain/workflows/release.js';
import { initialStationState, type StationState } from '../../domain/workflows/station.js';
import type { FeedbackView } from '../../protocol/local-api.js';

export interface StoredSession {
  state: StationState;
  feedback: FeedbackView | null;
}

/** Each station's workflow state, saved with every confirmed action. */
export class SessionsRepo {
  constructor(private readonly db: Knex) {}

  async load(station: string): Promise<StoredSession> {
    const row = await this.db('sessions').where({ station }).first('state', 'feedback');
    if (!row) return { state: initialStationState(), feedback: null };
    return { state: JSON.parse(row.state) as StationState, feedback: row.feedback ? (JSON.parse(row.feedback) as FeedbackView) : null };
  }

  /** Every station with a saved session. */
  async stations(): Promise<string[]> {
    const rows: { station: string }[] = await this.db('sessions').select('station').orderBy('station');
    return rows.map((r) => r.station);
  }

  /**
   * The state of another station holding this document unfinished, to take it over from, with the
   * document in its kind's slot (a task an ad hoc count paused is handed over as the count); undefined if none.
   */
  async heldElsewhere(kind: DocumentKind, id: string, station: string): Promise<StationState | undefined> {
    const rows: { state: string }[] = await this.db('sessions').whereNot({ station }).select('state');
    for (const state of rows.map((r) => JSON.parse(r.state) as StationState)) {
      const held = heldDocuments(state).find((d) => d.kind === kind && d.id === id && !d.done);
      if (held) return held.slot === 'pausedCount' ? { ...state, count: state.pausedCount ?? null } : state;
    }
    return undefined;
  }

  async save(trx: Knex.Transaction, station: string, session: StoredSession, at: string): Promise<void> {
    await trx('sessions')
      .insert({ station, state: JSON.stringify(session.state), feedback: session.feedback ? JSON.stringify(session.feedback) : null, updated_at: at })
      .onConflict('station')
      .merge();
  }
}
