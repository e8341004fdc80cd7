import type { OperatorAccess } from '../hub/operator-access.js';
import { setOperatorAccess } from '../hub/operator-access.js';
import { QuaiError } from '../runtime/quai-error.js';
import { withHubStore } from './hub-agents-command.js';
import { readPin } from './read-pin.js';

/** `quai hub operator set`'s flags as commander gives them: `--no-badge` and `--no-pin` set `badge`/`pin` to false. */
export interface OperatorFlags {
  badge?: string | boolean;
  pin?: boolean;
  pinFile?: string;
}

/** What the flags ask to change: a badge (null: remove it) and a PIN read from `pinFile` (null: remove it). */
export async function operatorAccess(flags: OperatorFlags): Promise<OperatorAccess> {
  return {
    ...(flags.badge === false ? { badge: null } : typeof flags.badge === 'string' ? { badge: flags.badge } : {}),
    ...(flags.pin === false ? { pin: null } : flags.pinFile ? { pin: await readPin(flags.pinFile) } : {}),
  };
}

/**
 * `quai hub operator set`: the operator `code`'s badge or override PIN in the hub store (`db`, else
 * `<dataDir>/hub/hub.sqlite`). Throws HUB_STORE_MISSING (no store there), NOTHING_TO_SET when no flag says what to change, the
 * SECRET_FILE_* and PIN_INVALID of the PIN file, OPERATOR_UNKNOWN, BADGE_TAKEN, PIN_NOT_SUPERVISOR.
 */
export async function setOperator(dataDir: string, db: string | undefined, code: string, flags: OperatorFlags): Promise<void> {
  const access = await operatorAccess(flags);
  if (Object.keys(access).length === 0) throw new QuaiError('NOTHING_TO_SET', 'say what to set: --badge, --no-badge, --pin-file or --no-pin');
  await withHubStore(dataDir, db, (store) => setOperatorAccess(store, code, access));
}
