/** Whose write it is: an operator's confirmed action, or the sync client's bookkeeping. */
export type WriteKind = 'floor' | 'background';

/**
 * Background writes a waiting one lets pass at most, so the sync client's acks and patches still
 * go through while terminals scan without a pause.
 */
const FLOOR_TURNS_BEFORE_BACKGROUND = 8;

interface Waiting {
  kind: WriteKind;
  start: () => void;
}

/**
 * One writer at a time on a SQLite store, the floor's first: SQLite takes one writer anyway,
 * and a second connection that finds the lock taken polls for it (busy_timeout sleeps of 1–100 ms).
 * Here the next writer is chosen in process, with no sleep: an operator's transaction goes before
 * any waiting background one, which waits at most FLOOR_TURNS_BEFORE_BACKGROUND floor turns.
 */
export class WriteTurns {
  private busy = false;
  private readonly waiting: Waiting[] = [];
  /** Floor turns taken while a background write waited. */
  private floorTurnsPassed = 0;

  /** Runs `work` in its turn; resolves or rejects as `work` does. */
  async run<T>(kind: WriteKind, work: () => Promise<T>): Promise<T> {
    if (this.busy) await new Promise<void>((start) => this.waiting.push({ kind, start }));
    else this.busy = true;
    try {
      return await work();
    } finally {
      this.next();
    }
  }

  private next(): void {
    const background = this.waiting.findIndex((w) => w.kind === 'background');
    const floor = this.waiting.findIndex((w) => w.kind === 'floor');
    const backgroundDue = background >= 0 && (floor < 0 || this.floorTurnsPassed >= FLOOR_TURNS_BEFORE_BACKGROUND);
    const index = backgroundDue ? background : floor >= 0 ? floor : background;
    if (index < 0) {
      this.busy = false;
      return;
    }
    const [chosen] = this.waiting.splice(index, 1);
    this.floorTurnsPassed = chosen!.kind === 'background' || background < 0 ? 0 : this.floorTurnsPassed + 1;
    chosen!.start();
  }
}
