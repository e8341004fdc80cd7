import { QuaiError } from '../../../runtime/quai-error.js';
import { KeyedQueue } from '../../../runtime/keyed-queue.js';
import { plain } from './tryton-values.js';

export interface TrytonRpcOptions {
  /** The server, e.g. http://127.0.0.1:8000 */
  url: string;
  database: string;
  user: string;
  password: string;
  /** Per call (ms): a Tryton that does not answer is treated as down. */
  timeoutMs?: number;
  /** Each call's end (the metrics): the method, its seconds (the session's opening included, not a write's wait for the one before) and its fault, null when it succeeded. */
  observe?: (method: string, seconds: number, fault: TrytonFault | null) => void;
}

/** How a call failed, as the metrics label it. */
export type TrytonFault = 'unavailable' | 'user' | 'concurrency' | 'rpc';

/** A business refusal from Tryton (validation, a rule): the event it came from is rejected with this message. */
export class TrytonUserError extends QuaiError {
  constructor(
    message: string,
    readonly description: string,
  ) {
    super('TRYTON_USER_ERROR', description ? `${message} ${description}` : message);
  }
}

/** The record changed since it was read (`_timestamp`): read again and retry. */
export class TrytonConcurrencyError extends QuaiError {
  constructor(message: string) {
    super('TRYTON_CONCURRENCY', message);
  }
}

/** Tryton cannot be reached or failed (network, HTTP 5xx, timeout): the work waits and is tried again. */
export class TrytonUnavailableError extends QuaiError {
  constructor(message: string) {
    super('TRYTON_UNAVAILABLE', message);
  }
}

/** Any other refusal (a method not exposed, bad credentials, a programming error). */
export class TrytonRpcError extends QuaiError {
  constructor(message: string) {
    super('TRYTON_RPC', message);
  }
}

interface Session {
  header: string;
  context: Record<string, unknown>;
}

const WRITES = /\.(create|write|delete|copy)$|\.(quote|confirm|process|wait|assign_try|assign_force|pick|pack|done|cancel|draft|receive|complete_lines)$|^wizard\./;

/**
 * Tryton 6.0's JSON-RPC (shared/reference/tryton.md §4): the exact `{id, method, params}`
 * envelope, the user's preferences as the trailing context, a session that is opened on first
 * use and again after HTTP 401 (expiry), and one write at a time — a SQLite-backed Tryton hands
 * out duplicate sequence numbers to parallel writers. Reads go side by side.
 */
export class TrytonRpc {
  private session: Promise<Session> | undefined;
  private nextId = 1;
  private readonly writes = new KeyedQueue();

  constructor(private readonly options: TrytonRpcOptions) {}

  /** `model.<model>.<method>` and friends, with the session's context merged under `context`. */
  call<T = unknown>(method: string, params: unknown[], context: Record<string, unknown> = {}): Promise<T> {
    const run = () => this.timed(method, () => this.authenticated<T>(method, params, context));
    return WRITES.test(method) ? this.writes.run('write', run) : run();
  }

  private async timed<T>(method: string, call: () => Promise<T>): Promise<T> {
    const { observe } = this.options;
    if (!observe) return call();
    const started = performance.now();
    try {
      const result = await call();
      observe(method, (performance.now() - started) / 1000, null);
      return result;
    } catch (error) {
      observe(method, (performance.now() - started) / 1000, faultOf(error));
      throw error;
    }
  }

  /** Ends the session at the server (the next call opens another). */
  async logout(): Promise<void> {
    if (!this.session) return;
    const session = await this.session.catch(() => undefined);
    this.session = undefined;
    if (session) await this.post(`/${this.options.database}/`, 'common.db.logout', [], session.header).catch(() => undefined);
  }

  private async authenticated<T>(method: string, params: unknown[], context: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.open();
      try {
        return (await this.post(`/${this.options.database}/`, method, [...params, { ...session.context, ...context }], session.header)) as T;
      } catch (error) {
        if (error instanceof SessionExpired && attempt === 0) {
          this.session = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  private open(): Promise<Session> {
    this.session ??= (async () => {
      const { user, password, database } = this.options;
      const [userId, key] = (await this.post(`/${database}/`, 'common.db.login', [user, { password }, 'en']).catch((error: unknown) => {
        throw error instanceof SessionExpired ? new TrytonRpcError(`Tryton refused the login of ${user} on ${database}`) : error;
      })) as [number, string];
      const header = `Session ${Buffer.from(`${user}:${userId}:${key}`).toString('base64')}`;
      const context = (await this.post(`/${database}/`, 'model.res.user.get_preferences', [true, {}], header)) as Record<string, unknown>;
      return { header, context };
    })();
    this.session.catch(() => (this.session = undefined));
    return this.session;
  }

  private async post(path: string, method: string, params: unknown[], authorization?: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.options.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({ id: this.nextId++, method, params }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new TrytonUnavailableError(`Tryton at ${this.options.url} unreachable: ${(error as Error).message}`);
    }
    if (response.status === 401) throw new SessionExpired();
    if (response.status >= 500 || response.status === 429) throw new TrytonUnavailableError(`Tryton answered HTTP ${response.status} to ${method}`);
    if (!response.ok) throw new TrytonRpcError(`Tryton answered HTTP ${response.status} to ${method}`);
    const body = (await response.json()) as { result?: unknown; error?: [string, unknown] };
    if (body.error) throw toError(body.error, method);
    return plain(body.result);
  }
}

class SessionExpired extends Error {}

function faultOf(error: unknown): TrytonFault {
  if (error instanceof TrytonUnavailableError) return 'unavailable';
  if (error instanceof TrytonUserError) return 'user';
  if (error instanceof TrytonConcurrencyError) return 'concurrency';
  return 'rpc';
}

/** Tryton's access refusal ("You are not allowed to access Stock Package Type."): the hub's user lacks a group. */
const ACCESS_DENIED = /^You are not allowed to (access|read|write|create|delete)\b/;
const GROUPS_HINT = "(the hub's Tryton user needs the groups Stock and Purchase Request, and the company among its companies: docs/operations.md, \"Point the hub at Tryton\")";

function toError([kind, detail]: [string, unknown], method: string): Error {
  if (kind === 'UserError' || kind === 'UserWarning') {
    const [message, description] = (kind === 'UserWarning' ? (detail as string[]).slice(1) : (detail as string[])) as [string, string];
    return new TrytonUserError(ACCESS_DENIED.test(message) ? `${message} ${GROUPS_HINT}` : message, description ?? '');
  }
  if (kind === 'ConcurrencyException') return new TrytonConcurrencyError(String(detail));
  return new TrytonRpcError(`${method}: ${kind}${detail ? ` ${String(detail)}` : ''}`);
}
