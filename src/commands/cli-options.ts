import { InvalidArgumentError, Option, type Command } from 'commander';
import { KEYBOARD_LAYOUTS } from '../domain/keyboard/keyboard-layouts.js';
import { parseLayoutSpec, type VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { defaultDataDir } from './data-dirs.js';

/** The options and argument parsers several `quai` commands share (src/cli.ts declares the commands). */

/** `--data-dir <dir>`: Quai's data directory, $QUAI_DATA_DIR or ~/.local/share/quai by default. */
export const dataDirOption = () => new Option('--data-dir <dir>', "Quai's data directory (agent files in <dir>/agent, hub files in <dir>/hub)").default(defaultDataDir(), '$QUAI_DATA_DIR or ~/.local/share/quai');

/** `--lang fr|en`: the screen language; unset, it follows LANG. */
export const langOption = () => new Option('--lang <lang>', 'screen language (default from LANG)').choices(['fr', 'en']);

/**
 * `--db <location>`: the agent's or the hub's store, a SQLite file or a postgres:// URL, by default
 * the SQLite file in the data directory. `when` says when the command reads it (e.g. "when no agent runs").
 * `either`: the agent's, or with `--hub` the hub's; the command reads $QUAI_AGENT_DB or $QUAI_HUB_DB
 * itself, as `--hub` says (store-choice.ts), since commander binds one variable to an option.
 */
export function dbOption(store: 'agent' | 'hub' | 'either', when?: string): Option {
  if (store === 'either') return new Option('--db <location>', 'SQLite file or postgres:// URL (default the configuration\'s db, else <data-dir>/agent/agent.sqlite, with --hub <data-dir>/hub/hub.sqlite; env: QUAI_AGENT_DB, with --hub QUAI_HUB_DB)');
  const file = store === 'agent' ? '<data-dir>/agent/agent.sqlite' : '<data-dir>/hub/hub.sqlite';
  return new Option('--db <location>', `${when ? `${store} store, ${when}: ` : ''}SQLite file or postgres:// URL (default ${file})`).env(store === 'agent' ? 'QUAI_AGENT_DB' : 'QUAI_HUB_DB');
}

/**
 * `--config <file>`: the agent's or the hub's configuration file (JSON with comments); flags win over it.
 * `either`: the agent's, or with `--hub` the hub's ($QUAI_AGENT_CONFIG or $QUAI_HUB_CONFIG, read by the command).
 */
export function configOption(kind: 'agent' | 'hub' | 'either'): Option {
  if (kind === 'either') return new Option('--config <file>', "the agent's configuration file, with --hub the hub's: the store and retention the service uses (env: QUAI_AGENT_CONFIG, with --hub QUAI_HUB_CONFIG)");
  return new Option('--config <file>', `${kind} configuration file, JSON with comments (flags win over it; \`quai init ${kind}\` writes one)`).env(kind === 'agent' ? 'QUAI_AGENT_CONFIG' : 'QUAI_HUB_CONFIG');
}

/** A TCP port from `lowest` (0: any free port) to 65535. */
const portFrom = (lowest: 0 | 1) => (value: string) => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < lowest || port > 65535) throw new InvalidArgumentError(`a port is a number from ${lowest} to 65535`);
  return port;
};
/** A listening port, 0 to 65535 (0: any free port). */
export const portArg = portFrom(0);
/** A metrics port: 1 to 65535 (served on the loopback only). */
export const metricsPortArg = portFrom(1);

/** A whole number of at least 1. */
export const countArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
};

/** A refresh interval in seconds: 0.5 to 3600. */
export const intervalArg = (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0.5 || n > 3600) throw new InvalidArgumentError('a number of seconds from 0.5 to 3600');
  return n;
};

/** Decimal places of a weight sent without a point: 0 to 6. */
export const decimalsArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 6) throw new InvalidArgumentError('a whole number from 0 to 6');
  return n;
};

/** `--layout prefix:itemDigits:valueDigits:weight-g|price-cents[:check]`, repeatable. */
export const layoutArg = (spec: string, previous: VariableMeasureLayout[] = []) => {
  const parsed = parseLayoutSpec(spec);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return [...previous, parsed.value];
};

/** Keyboard-wedge scanner detection thresholds (ms, characters) and the terminal's keyboard layout (docs/devices.md). */
export function withWedgeOptions(command: Command): Command {
  return command
    .option('--wedge-gap-ms <ms>', 'largest gap between the keys of a wedge scan', countArg, 30)
    .option('--wedge-min-length <n>', 'fewest characters in a wedge scan', countArg, 5)
    .addOption(new Option('--keyboard <layout>', "this terminal's keyboard layout, for wedge scanners left on US (default: the agent's wedge.keyboard, else from LANG)").choices([...KEYBOARD_LAYOUTS]));
}
