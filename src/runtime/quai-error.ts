/**
 * Every code a QuaiError carries: what `quai` prints in brackets after a failed command's message
 * (`quai: … [CODE]`), and what tests and callers branch on. One list, so the type checker refuses a
 * code not in it; docs/operations.md ("Error codes") says what each means and what to do
 * (test/unit/quai-error-codes.test.ts holds the two equal).
 */
export const QUAI_ERROR_CODES = [
  // configuration and command line
  'CONFIG_NOT_FOUND',
  'CONFIG_INVALID',
  'INIT_FILE_EXISTS',
  'TLS_FILE_MISSING',
  'TLS_FILE_NOT_PEM',
  'TLS_FILE_INVALID',
  'SECRET_FILE_MISSING',
  'SECRET_FILE_EMPTY',
  'SECRET_FILE_TOO_OPEN',
  'NOTHING_TO_SET',
  'LOAD_BAD_MIX',
  // processes and ports
  'ALREADY_RUNNING',
  'PORT_IN_USE',
  'PORT_NOT_PERMITTED',
  'ADDRESS_NOT_AVAILABLE',
  'DEMO_CHILD_FAILED',
  // stores
  'STORE_FULL',
  'STORE_READ_ONLY',
  'STORE_UNAVAILABLE',
  'STORE_TIMEOUT',
  'STORE_IN_USE',
  'STORE_LOCK_LOST',
  'STORE_OWNED_BY_OTHER_AGENT',
  'STORE_NOT_LOADED',
  'AGENT_STORE_MISSING',
  'HUB_STORE_MISSING',
  'HUB_STORE_NOT_TRYTON',
  // backups, restores and pruning
  'STORE_NOT_FOUND',
  'BACKUP_EXISTS',
  'BACKUP_INVALID',
  'RESTORE_WHILE_RUNNING',
  'PRUNE_WHILE_RUNNING',
  // a running agent, asked by the admin tools and terminals (AGENT_ + a quai-local/1 error frame's code)
  'AGENT_NOT_RUNNING',
  'AGENT_UNREACHABLE',
  'AGENT_TIMEOUT',
  'AGENT_BAD_ANSWER',
  'AGENT_TOKEN_REFUSED',
  'AGENT_UNAUTHORIZED',
  'AGENT_BAD_MESSAGE',
  'AGENT_HELLO_FIRST',
  'AGENT_NO_STATION',
  'AGENT_INTERNAL',
  'TERMINAL_TIMEOUT',
  'TERMINAL_CLOSED',
  // the hub's agents and operators
  'AGENT_NOT_ENROLLED',
  'AGENT_IN_USE',
  'OPERATOR_UNKNOWN',
  'BADGE_TAKEN',
  'PIN_INVALID',
  'PIN_NOT_SUPERVISOR',
  // Tryton
  'TRYTON_UNAVAILABLE',
  'TRYTON_USER_ERROR',
  'TRYTON_CONCURRENCY',
  'TRYTON_REFUSED',
  'TRYTON_RPC',
] as const;

export type QuaiErrorCode = (typeof QUAI_ERROR_CODES)[number];

/** An error with a stable code from {@link QUAI_ERROR_CODES}, for messages, exit codes and tests. */
export class QuaiError extends Error {
  constructor(
    readonly code: QuaiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'QuaiError';
  }
}
