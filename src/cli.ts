import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { agentDir, defaultDataDir, hubDir } from './commands/data-dirs.js';
import { metricsPortOption } from './commands/metrics-port-option.js';
import { KEYBOARD_LAYOUTS } from './domain/keyboard/keyboard-layouts.js';
import { parseLayoutSpec, type VariableMeasureLayout } from './domain/barcode/variable-measure.js';
import { QuaiError } from './runtime/quai-error.js';
import { typedFault } from './runtime/system-fault.js';

/**
 * The one `quai` binary. Heavy parts (knex, Ink) are imported by the subcommand that needs
 * them, so `quai tui` starts without loading the store and `quai status` without React.
 */
const program = new Command('quai')
  .description('Quai: warehouse floor terminals, site agent and ERP hub')
  .version('0.1.0')
  .showHelpAfterError()
  .enablePositionalOptions()
  .exitOverride();

/**
 * Ink shows only a final frame when CI is set (it reads it once, on import). A real terminal gets
 * the live UI whatever the environment says; call this before Ink is imported.
 */
function preferLiveTerminal(): void {
  if (!process.stdout.isTTY) return;
  delete process.env.CI;
  delete process.env.CONTINUOUS_INTEGRATION;
}

const dataDirOption = () => new Option('--data-dir <dir>', "Quai's data directory (agent files in <dir>/agent, hub files in <dir>/hub)").default(defaultDataDir(), '$QUAI_DATA_DIR or ~/.local/share/quai');
const langOption = () => new Option('--lang <lang>', 'screen language (default from LANG)').choices(['fr', 'en']);
/** Keyboard-wedge scanner detection thresholds and the terminal's keyboard layout (docs/devices.md). */
function withWedgeOptions(command: Command): Command {
  return command
    .option('--wedge-gap-ms <ms>', 'largest gap between the keys of a wedge scan', countArg, 30)
    .option('--wedge-min-length <n>', 'fewest characters in a wedge scan', countArg, 5)
    .addOption(new Option('--keyboard <layout>', "this terminal's keyboard layout, for wedge scanners left on US (default: the agent's wedge.keyboard, else from LANG)").choices([...KEYBOARD_LAYOUTS]));
}
const portArg = (value: string) => {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535');
  return port;
};
const tlsFiles = (certFile: string | undefined, keyFile: string | undefined) => {
  if (!certFile || !keyFile) throw new QuaiError('TLS_INCOMPLETE', 'wss:// needs both --tls-cert and --tls-key');
  return { certFile, keyFile };
};
const countArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
};
const decimalsArg = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 6) throw new InvalidArgumentError('a whole number from 0 to 6');
  return n;
};
/** `--layout prefix:itemDigits:valueDigits:weight-g|price-cents[:check]`, repeatable. */
const layoutArg = (spec: string, previous: VariableMeasureLayout[] = []) => {
  const parsed = parseLayoutSpec(spec);
  if (!parsed.ok) throw new InvalidArgumentError(parsed.error);
  return [...previous, parsed.value];
};
const trytonOptions = (opts: { trytonUrl?: string; trytonDb?: string; trytonUser?: string; trytonPasswordFile?: string; trytonPoll: number }) => {
  const { trytonUrl: url, trytonDb: database, trytonUser: user, trytonPasswordFile: passwordFile } = opts;
  if (!url || !database || !user || !passwordFile) throw new QuaiError('TRYTON_CONFIG_INCOMPLETE', '--erp tryton needs --tryton-url, --tryton-db, --tryton-user and --tryton-password-file');
  if (!/^https?:\/\//.test(url)) throw new QuaiError('TRYTON_CONFIG_INCOMPLETE', `--tryton-url must be an http:// or https:// URL, not ${url}`);
  return { url, database, user, passwordFile, pollMs: opts.trytonPoll * 1000 };
};

withWedgeOptions(program
  .command('demo'))
  .description('embedded hub + agent (SQLite) + the TUI in this terminal')
  .addOption(dataDirOption())
  .option('--station <name>', 'station of this terminal', 'PICK-1')
  .option('--reset', 'start again from fresh demo data', false)
  .addOption(langOption())
  .action(async (opts) => {
    preferLiveTerminal();
    const { runDemo } = await import('./commands/demo-command.js');
    await runDemo({ dataDir: opts.dataDir, station: opts.station, reset: opts.reset, lang: opts.lang, wedge: { maxGapMs: opts.wedgeGapMs, minLength: opts.wedgeMinLength }, keyboard: opts.keyboard });
  });

withWedgeOptions(program
  .command('tui'))
  .description('operator terminal: connects to the agent of this site')
  .addOption(dataDirOption())
  .option('--url <ws-url>', 'agent local API (default: the agent running from --data-dir)')
  .option('--token-file <file>', 'local API token file (default: <data-dir>/agent/api-token)')
  .option('--station <name>', 'station of this terminal', 'PICK-1')
  .addOption(langOption())
  .action(async (opts) => {
    preferLiveTerminal();
    const { runTuiCommand } = await import('./commands/tui-command.js');
    await runTuiCommand({ url: opts.url, dataDir: opts.dataDir, tokenFile: opts.tokenFile, station: opts.station, lang: opts.lang, wedge: { maxGapMs: opts.wedgeGapMs, minLength: opts.wedgeMinLength }, keyboard: opts.keyboard });
  });

program
  .command('agent')
  .description('run the site agent: store, sessions, local API, hub link')
  .option('--config <file>', 'JSON configuration file (flags override it)')
  .addOption(dataDirOption())
  .option('--agent-id <id>', 'this agent (default AGENT-1)')
  .option('--site-id <id>', 'the site (default SITE-1)')
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/agent/agent.sqlite)')
  .option('--hub-url <ws-url>', 'the hub (ws:// or wss://)')
  .option('--hub-ca <file>', "PEM certificate(s) to trust for a wss:// hub (a private CA or the hub's own certificate)")
  .option('--hub-token-file <file>', 'file holding the token the hub expects')
  .option('--host <host>', 'local API address (default 127.0.0.1)')
  .option('--port <port>', 'local API port (default 7311, 0 = any)', portArg)
  .addOption(metricsPortOption())
  .option('--log-file <file>', 'write logs there instead of stdout')
  .action(async (opts) => {
    const [{ parseAgentConfig, readConfigFile }, { agentConfigInput }, { startAgent }, { runService }, { limitHeapGrowth, AGENT_HEAP_GROWING_PERCENT }] = await Promise.all([
      import('./agent/agent-config.js'),
      import('./commands/agent-config-input.js'),
      import('./agent/start-agent.js'),
      import('./commands/service-process.js'),
      import('./runtime/heap-growth.js'),
    ]);
    limitHeapGrowth(AGENT_HEAP_GROWING_PERCENT);
    const file = opts.config ? readConfigFile(opts.config) : {};
    // same machine as the hub by default: the token file `quai hub agent add` wrote
    const config = parseAgentConfig(agentConfigInput(file, opts, { dataDir: agentDir(opts.dataDir), hubTokenFile: (agentId) => `${hubDir(opts.dataDir)}/agent-tokens/${agentId}` }), opts.config);
    await runService(() => startAgent(config));
  });

const hub = program
  .command('hub')
  // `quai hub inspect --data-dir D`: options after `inspect` are inspect's own
  .enablePositionalOptions()
  .description('run the hub: the ERP side of the agents\u2019 link (the embedded reference ERP, or Tryton 6.0)')
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .option('--host <host>', 'listen address', '127.0.0.1')
  .option('--port <port>', 'listen port (0 = any)', portArg, 7310)
  .addOption(metricsPortOption())
  .option('--tls-cert <file>', 'serve wss:// with this PEM certificate (chain); needs --tls-key')
  .option('--tls-key <file>', 'the PEM private key of --tls-cert')
  .option('--enrol <agent-id...>', 'enrol these agents at start if they are not (tokens in <data-dir>/hub/agent-tokens/)')
  .option('--no-seed', 'do not load the demo warehouse into an empty store')
  .option('--demo-products <n>', 'products in the demo warehouse', countArg, 240)
  .option('--demo-orders <n>', 'generated orders in the demo warehouse (its weighed goods\' order comes on top)', countArg, 24)
  .option('--log-file <file>', 'write logs there instead of stdout')
  .addOption(new Option('--erp <erp>', 'the ERP behind the hub').choices(['embedded', 'tryton']).default('embedded'))
  .option('--tryton-url <url>', 'the Tryton server, e.g. http://erp.local:8000 (with --erp tryton)')
  .option('--tryton-db <name>', 'the Tryton database')
  .option('--tryton-user <login>', 'the Tryton user the hub works as')
  .option('--tryton-password-file <file>', "a 0600 file holding that user's password")
  .option('--tryton-poll <seconds>', 'seconds between pulls from Tryton', countArg, 5)
  .action(async (opts) => {
    const [{ startHub }, { runService }] = await Promise.all([import('./hub/start-hub.js'), import('./commands/service-process.js')]);
    const tryton = opts.erp === 'tryton' ? trytonOptions(opts) : undefined;
    await runService(() =>
      startHub({
        dataDir: hubDir(opts.dataDir),
        db: opts.db,
        host: opts.host,
        port: opts.port,
        enrol: opts.enrol ?? [],
        ...(opts.tlsCert || opts.tlsKey ? { tls: tlsFiles(opts.tlsCert, opts.tlsKey) } : {}),
        seed: opts.seed ? { products: opts.demoProducts, orders: opts.demoOrders, seed: 2026 } : false,
        logFile: opts.logFile,
        ...(tryton && { tryton }),
        ...(opts.metricsPort && { metrics: { port: opts.metricsPort } }),
      }),
    );
  });

const hubAgents = hub.command('agent').description('the agents allowed to connect, one token each');
hubAgents
  .command('add <agent-id>')
  .description("enrol an agent: writes its token to a 0600 file to copy to the agent's hub.tokenFile (a new token replaces the old)")
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .option('--token-file <file>', 'token file to write, or to read if it exists (default <data-dir>/hub/agent-tokens/<agent-id>)')
  .action(async (agentId: string, opts) => {
    const { withHubStore } = await import('./commands/hub-agents-command.js');
    await withHubStore(hubDir(opts.dataDir), opts.db, async (db, paths) => {
      const { enrolAgent } = await import('./hub/agent-credentials.js');
      const file = opts.tokenFile ?? paths.agentTokenFile(agentId);
      await enrolAgent(db, agentId, file, new Date());
      process.stdout.write(`${agentId} enrolled; its token is in ${file}\n`);
    });
  });
hubAgents
  .command('remove <agent-id>')
  .description("revoke an agent's token: its next connection is refused")
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .action(async (agentId: string, opts) => {
    const { withHubStore } = await import('./commands/hub-agents-command.js');
    await withHubStore(hubDir(opts.dataDir), opts.db, async (db) => {
      const { revokeAgent } = await import('./hub/agent-credentials.js');
      if (!(await revokeAgent(db, agentId))) throw new QuaiError('AGENT_NOT_ENROLLED', `${agentId} is not enrolled at this hub`);
      process.stdout.write(`${agentId} revoked\n`);
    });
  });
hubAgents
  .command('list')
  .description('the enrolled agents')
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .action(async (opts) => {
    const { withHubStore } = await import('./commands/hub-agents-command.js');
    await withHubStore(hubDir(opts.dataDir), opts.db, async (db) => {
      const { enrolledAgents } = await import('./hub/agent-credentials.js');
      for (const a of await enrolledAgents(db)) process.stdout.write(`${a.agentId}\tenrolled ${a.enrolledAt}\n`);
    });
  });

const hubOperators = hub.command('operator').description("operators' badges and supervisors' override PINs (what the ERP does not hold)");
hubOperators
  .command('set <code>')
  .description("give an operator a badge, or a supervisor an override PIN (read from a file or '-' for standard input, never from the command line)")
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .option('--badge <badge>', 'the badge to sign in with')
  .option('--no-badge', 'remove the badge')
  .option('--pin-file <file>', "a 0600 file holding the PIN (4 to 12 digits), or '-' to read it from standard input")
  .option('--no-pin', 'remove the PIN')
  .action(async (code: string, opts) => {
    const [{ withHubStore }, { setOperatorAccess }, { readPin }] = await Promise.all([import('./commands/hub-agents-command.js'), import('./hub/operator-access.js'), import('./commands/read-pin.js')]);
    const access = {
      ...(opts.badge === false ? { badge: null } : typeof opts.badge === 'string' ? { badge: opts.badge } : {}),
      ...(opts.pin === false ? { pin: null } : opts.pinFile ? { pin: await readPin(opts.pinFile) } : {}),
    };
    if (Object.keys(access).length === 0) throw new QuaiError('NOTHING_TO_SET', 'say what to set: --badge, --no-badge, --pin-file or --no-pin');
    await withHubStore(hubDir(opts.dataDir), opts.db, (db) => setOperatorAccess(db, code, access));
    process.stdout.write(`${code} updated; the agents get it with the catalog\n`);
  });
hubOperators
  .command('list')
  .description('the operators at the hub, with their badge and whether they have a PIN')
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .action(async (opts) => {
    const [{ withHubStore }, { listOperators }] = await Promise.all([import('./commands/hub-agents-command.js'), import('./hub/operator-access.js')]);
    await withHubStore(hubDir(opts.dataDir), opts.db, async (db) => {
      for (const o of await listOperators(db)) process.stdout.write(`${o.code}\t${o.role}\t${o.name}\t${o.badge ?? '-'}\t${o.hasPin ? 'PIN' : '-'}\n`);
    });
  });

hub
  .command('inspect')
  .description("print the hub's documents with their states and the events applied per agent")
  .addOption(dataDirOption())
  .option('--db <location>', 'SQLite file or postgres:// URL (default <data-dir>/hub/hub.sqlite)')
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const [{ withHubStore }, { inspectHub, formatInspection }, { hubPaths }, { existsSync }] = await Promise.all([
      import('./commands/hub-agents-command.js'),
      import('./hub/hub-inspect.js'),
      import('./hub/start-hub.js'),
      import('node:fs'),
    ]);
    const location: string = opts.db ?? hubPaths(hubDir(opts.dataDir)).db;
    if (!/^postgres/.test(location) && !existsSync(location)) throw new QuaiError('HUB_STORE_MISSING', `no hub store at ${location} (run the hub or the demo first, or pass --data-dir)`);
    const report = await withHubStore(hubDir(opts.dataDir), location, (db) => inspectHub(db));
    process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatInspection(report)}\n`);
  });

program
  .command('status')
  .description("the agent's hub link, events waiting and rejected, catalog size")
  .addOption(dataDirOption())
  .option('--db <location>', 'agent store, when no agent runs (default <data-dir>/agent/agent.sqlite)')
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const { agentStatus, formatStatus } = await import('./commands/status-command.js');
    const report = await agentStatus(agentDir(opts.dataDir), opts.db);
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${formatStatus(report)}\n`);
  });

program
  .command('audit')
  .description('what the stations did: every request, its source and raw scan, and what came of it (newest first)')
  .addOption(dataDirOption())
  .option('--station <name>', 'one station only')
  .option('--limit <n>', 'how many entries', countArg, 50)
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const [{ agentPaths }, { withAgentStore }] = await Promise.all([import('./runtime/agent-paths.js'), import('./commands/status-command.js')]);
    const entries = await withAgentStore(agentPaths(agentDir(opts.dataDir)).db, (store) => store.audit.recent(opts.station ?? null, opts.limit));
    if (opts.json) process.stdout.write(`${JSON.stringify(entries)}\n`);
    else for (const e of entries) process.stdout.write(`${e.at} ${e.station} ${e.operator ?? '-'} ${e.intent}${e.source ? `/${e.source}` : ''} ${e.raw ?? ''}${e.remapped ? ` remapped ${e.remapped.layout} ${e.remapped.text}` : ''} -> ${e.outcomeLevel ?? ''} ${e.outcomeCode ?? ''}\n`);
  });

program
  .command('sync')
  .description('ask the running agent to reconnect to the hub and send what waits, now')
  .addOption(dataDirOption())
  .requiredOption('--now', 'sync immediately')
  .option('--catalog', 'also reload the whole catalog from the hub (reconciliation: what the hub no longer has is removed)', false)
  .action(async (opts) => {
    const [{ agentPaths }, { readRuntimeFile }, { readSecretFile }, { requestAgent }] = await Promise.all([
      import('./runtime/agent-paths.js'),
      import('./runtime/runtime-file.js'),
      import('./runtime/secret-file.js'),
      import('./commands/local-api-client.js'),
    ]);
    const paths = agentPaths(agentDir(opts.dataDir));
    const runtime = readRuntimeFile(paths.runtimeFile);
    if (!runtime) throw new QuaiError('AGENT_NOT_RUNNING', `no agent is running from ${opts.dataDir}`);
    await requestAgent(runtime.port, readSecretFile(paths.apiTokenFile), { type: 'sync-now', catalog: opts.catalog }, 'sync-started');
    process.stdout.write(opts.catalog ? 'sync started, with a full catalog reload\n' : 'sync started\n');
  });

program
  .command('load')
  .description('simulated operators: N terminals picking, counting and looking up through the running agent, for benchmarks and soak tests (exit 1 on any fault, or when nothing was picked)')
  .addOption(dataDirOption())
  .option('--terminals <n>', 'terminals at once', countArg, 4)
  .option('--stations <names>', 'the stations to work at, comma-separated, one terminal each (default LOAD-1 … LOAD-<terminals>); whatever a station has under way is carried on first')
  .option('--duration <seconds>', 'how long to run', countArg, 30)
  .option('--mix <tasks>', `tasks the operators take in turn, from ${['pick', 'count', 'lookup'].join(',')}`, 'pick,count,lookup')
  .option('--operators <codes>', 'operator codes to sign in as, in turn', 'OP01,OP02,OP03')
  .option('--json', 'machine-readable report', false)
  .action(async (opts) => {
    const [{ agentPaths }, { readRuntimeFile }, { readSecretFile }, { runLoad, formatLoadReport, LOAD_TASKS }] = await Promise.all([
      import('./runtime/agent-paths.js'),
      import('./runtime/runtime-file.js'),
      import('./runtime/secret-file.js'),
      import('./commands/load-command.js'),
    ]);
    const mix = String(opts.mix).split(',').map((t) => t.trim());
    const unknown = mix.filter((t) => !(LOAD_TASKS as readonly string[]).includes(t));
    if (unknown.length > 0 || mix.length === 0) throw new QuaiError('LOAD_BAD_MIX', `unknown task(s) in --mix: ${unknown.join(', ') || '(none)'}; choose from ${LOAD_TASKS.join(', ')}`);
    const paths = agentPaths(agentDir(opts.dataDir));
    const runtime = readRuntimeFile(paths.runtimeFile);
    if (!runtime) throw new QuaiError('AGENT_NOT_RUNNING', `no agent is running from ${opts.dataDir}`);
    const report = await runLoad({
      port: runtime.port,
      token: readSecretFile(paths.apiTokenFile),
      terminals: opts.terminals,
      ...(opts.stations && { stations: String(opts.stations).split(',').map((t) => t.trim()).filter(Boolean) }),
      durationMs: opts.duration * 1000,
      mix: mix as (typeof LOAD_TASKS)[number][],
      operators: String(opts.operators).split(','),
      ...(!opts.json && { onTick: (r) => process.stderr.write(`\r${r.seconds.toFixed(0)} s  ${r.actions} actions  ${r.perSecond.toFixed(0)}/s  p99 ${r.p99.toFixed(1)} ms  `) }),
    });
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `\n${formatLoadReport(report)}\n`);
    if (report.faults.length > 0) process.exitCode = 1;
  });

program
  .command('monitor')
  .description("the supervisor's console for the running agent: hub link, events waiting and their throughput, rejected events, devices, latest scans, log tail")
  .addOption(dataDirOption())
  .option('--lang <lang>', 'fr or en (default from LANG)')
  .action(async (opts) => {
    const [{ agentPaths }, { readRuntimeFile }, { readSecretFile }, { runMonitor }] = await Promise.all([
      import('./runtime/agent-paths.js'),
      import('./runtime/runtime-file.js'),
      import('./runtime/secret-file.js'),
      import('./monitor/run-monitor.js'),
    ]);
    const paths = agentPaths(agentDir(opts.dataDir));
    const runtime = readRuntimeFile(paths.runtimeFile);
    if (!runtime) throw new QuaiError('AGENT_NOT_RUNNING', `no agent is running from ${opts.dataDir}`);
    await runMonitor({ port: runtime.port, token: readSecretFile(paths.apiTokenFile), logFile: runtime.logFile, ...(opts.lang && { lang: opts.lang }) });
  });

/** Serial line options shared by the simulators and `devices watch`; unset ones follow the protocol's usual settings. */
function withSerialOptions(command: Command): Command {
  return command
    .requiredOption('--port <path>', 'serial device path (e.g. /dev/ttyUSB0, or one end of a socat pty pair)')
    .option('--baud <n>', 'baud rate', countArg)
    .addOption(new Option('--data-bits <n>', 'data bits').choices(['7', '8']))
    .addOption(new Option('--parity <p>', 'parity').choices(['none', 'even', 'odd']))
    .addOption(new Option('--stop-bits <n>', 'stop bits').choices(['1', '2']));
}

/** The line flags given, over a scale profile's line (when one is named), over the protocol's usual one. */
async function serialFrom(opts: { port: string; baud?: number; dataBits?: string; parity?: string; stopBits?: string }, protocol?: string, profileName?: string) {
  const [{ serialSettings }, { PROTOCOL_SERIAL_DEFAULTS }, { scaleProfile }] = await Promise.all([import('./devices/serial-settings.js'), import('./devices/device-config.js'), import('./devices/scale/scale-profiles.js')]);
  const line = profileName ? scaleProfile(profileName)?.serial : undefined;
  const defaults = { ...(protocol && PROTOCOL_SERIAL_DEFAULTS[protocol as keyof typeof PROTOCOL_SERIAL_DEFAULTS]), ...line };
  return serialSettings.parse({
    path: opts.port,
    baudRate: opts.baud ?? defaults.baudRate ?? 9600,
    dataBits: Number(opts.dataBits ?? defaults.dataBits ?? 8),
    parity: opts.parity ?? defaults.parity ?? 'none',
    stopBits: Number(opts.stopBits ?? defaults.stopBits ?? 1),
    xon: line?.xon ?? false,
    xoff: line?.xoff ?? false,
  });
}

const scaleProtocolOption = () => new Option('--protocol <name>', 'scale protocol').choices(['mt-sics', 'toledo-8217', 'continuous']);

const sim = program.command('sim').description('device simulators on a serial path, driven by lines on stdin');
withSerialOptions(sim.command('scale').description('a scale speaking MT-SICS, Toledo 8217 or continuous output, or a profile\'s dialect'))
  .addOption(scaleProtocolOption())
  .option('--profile <name>', 'a profile of `quai devices profiles`: its protocol, line and dialect; flags given win')
  .option('--unit <unit>', 'the unit it sends: MT-SICS g, kg, t, lb, oz or lb:oz (kg unless set); Toledo without a point: g unless set')
  .option('--decimals <n>', 'Toledo 8217: send the weight without a point, with this many decimals', decimalsArg)
  .action(async (opts) => {
    const { runSimulatorCommand, simulatedScale } = await import('./commands/sim-command.js');
    let simulated;
    try {
      simulated = simulatedScale(opts);
    } catch (error) {
      usageError((error as Error).message);
    }
    await runSimulatorCommand(simulated, await serialFrom(opts, simulated.protocol, opts.profile));
  });
withSerialOptions(sim.command('scanner').description('a serial barcode reader'))
  .option('--suffix <suffix>', 'what ends each scan: CR, LF, CRLF or a string', 'CR')
  .action(async (opts) => {
    const { runSimulatorCommand } = await import('./commands/sim-command.js');
    await runSimulatorCommand({ kind: 'scanner', suffix: opts.suffix }, await serialFrom(opts));
  });

const devices = program.command('devices').description('serial devices: find them, watch them').enablePositionalOptions();
devices
  .command('list')
  .description("serial ports on this machine with their /dev/serial/by-id/ names, and the running agent's devices with their state")
  .addOption(dataDirOption())
  .option('--by-id-dir <dir>', 'where the stable by-id names are (a container may mount the host\'s elsewhere)', '/dev/serial/by-id')
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const [{ findSerialPorts }, { agentDevices }] = await Promise.all([import('./commands/devices-command.js'), import('./commands/status-command.js')]);
    const found = await findSerialPorts(opts.byIdDir);
    const configured = await agentDevices(agentDir(opts.dataDir));
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ ports: found.ports, discovery: found.via, devices: configured })}\n`);
      return;
    }
    process.stdout.write(`ports (${found.via === 'udev' ? 'from udev' : 'udev unavailable: device names under /dev'}):\n`);
    for (const port of found.ports) {
      process.stdout.write(`  ${port.path}${port.manufacturer ? `  ${port.manufacturer}` : ''}${port.vendorId ? `  ${port.vendorId}:${port.productId}` : ''}\n`);
      for (const name of port.byId) process.stdout.write(`    ${name}\n`);
    }
    if (found.ports.length === 0) process.stdout.write('  (none)\n');
    process.stdout.write(configured ? 'agent devices:\n' : 'agent devices: no agent running\n');
    for (const d of configured ?? []) process.stdout.write(`  ${d.station} ${d.id} ${d.kind}${d.profile ? ` ${d.profile}` : ''} ${d.path}${d.resolvedPath ? ` → ${d.resolvedPath}` : ''} ${d.state}${d.reason ? ` (${d.reason})` : ''}${d.lastReading ? `  ${d.lastReading}` : ''}\n`);
  });
devices
  .command('profiles')
  .description('scale profiles by name (for `profile` in a scale\'s config): protocol, serial line, framing, poll, quirks')
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const { profilesJson, profilesText } = await import('./commands/scale-profiles-command.js');
    process.stdout.write(opts.json ? `${JSON.stringify({ profiles: profilesJson() })}\n` : `${profilesText()}\n`);
  });
withSerialOptions(devices.command('watch').description('print each reading (scale) or scan (scanner) of a device, one per line'))
  .addOption(new Option('--kind <kind>', 'what the device is').choices(['scale', 'scanner']).makeOptionMandatory())
  .addOption(scaleProtocolOption())
  .option('--profile <name>', 'scale: a profile of `quai devices profiles` (protocol, line, reading); flags given win')
  .option('--decimals <n>', 'scale: decimal places of a weight sent without a point', decimalsArg)
  .option('--unit <unit>', 'scale: the unit of a weight whose frame names none (g unless set)')
  .option('--suffix <suffix>', 'scanner: what ends each scan: CR, LF, CRLF or a string', 'CR')
  .option('--json', 'JSON lines', false)
  .action(async (opts) => {
    if (opts.kind === 'scale' && !opts.protocol && !opts.profile) usageError('a scale needs --protocol or --profile');
    const [{ watchDevice }, { deviceConfig }, { unknownProfileProblem }] = await Promise.all([import('./commands/devices-command.js'), import('./devices/device-config.js'), import('./devices/scale/scale-profiles.js')]);
    const profileProblem = opts.profile === undefined ? null : unknownProfileProblem(opts.profile);
    if (profileProblem) usageError(profileProblem);
    const config = deviceConfig.safeParse(opts.kind === 'scale' ? await watchedScale(opts) : { kind: 'scanner', id: 'watch', serial: await serialFrom(opts), suffix: opts.suffix });
    if (!config.success) usageError(config.error.issues.map((i) => `${i.path.join('.') || 'device'}: ${i.message}`).join('; '));
    const watcher = watchDevice(config.data, opts.json, (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await watcher.stop();
  });

/** A usage error found after parsing, said as commander says its own: on stderr, exit code 2. */
function usageError(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  throw new CommanderError(2, 'quai.usage', `error: ${message}`);
}

/** The scale `devices watch` opens: its profile's settings, under the flags given. */
async function watchedScale(opts: { port: string; profile?: string; protocol?: string; decimals?: number; unit?: string; baud?: number; dataBits?: string; parity?: string; stopBits?: string }) {
  return {
    kind: 'scale',
    id: 'watch',
    serial: await serialFrom(opts, opts.protocol, opts.profile),
    ...(opts.profile && { profile: opts.profile }),
    ...(opts.protocol && { protocol: opts.protocol }),
    ...(opts.decimals !== undefined && { decimals: opts.decimals }),
    ...(opts.unit && { unit: opts.unit }),
  };
}

program
  .command('barcode')
  .description('barcodes')
  .command('parse <data>')
  .description('what Quai reads in a barcode, as the agent reads it: EAN/UPC (UPC-E expanded; 8 digits valid as EAN-8 and UPC-E shown both ways), ISBN/ISSN, GS1 element string (raw with GS or <GS>, or bracketed), Digital Link URI, variable-measure code (EAN-13 02, 20-29, read with --layout or --config), plain data after a non-GS1 AIM identifier (]C0, ]d1, ]Q1…), internal code')
  .option('--strict', 'also apply the GS1 pairing and exclusion rules', false)
  .option('--json', 'machine-readable output', false)
  .option('--layout <spec>', 'a variable-measure layout prefix:itemDigits:valueDigits:weight-g|price-cents[:check], e.g. 24:5:5:weight-g (repeatable)', layoutArg)
  .option('--config <file>', "the layouts of an agent configuration file's barcodes.variableMeasure")
  .action(async (data: string, opts) => {
    const [{ parseBarcode, formatBarcodeReport }, { barcodeLayouts }] = await Promise.all([import('./commands/barcode-command.js'), import('./commands/barcode-layouts.js')]);
    const report = parseBarcode(data, opts.strict ? 'strict' : 'lenient', new Date(), barcodeLayouts(opts.layout ?? [], opts.config));
    process.stdout.write(opts.json ? `${JSON.stringify(report)}\n` : `${formatBarcodeReport(report)}\n`);
    if (!report.result.ok) process.exitCode = 1;
  });

// a reader that stops early (`quai audit | head`) closes the pipe: what it did not read is not
// wanted, so the command ends quietly rather than with a stack trace
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // help and version end here with code 0; usage errors with 2
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else {
    // a fault of the machine (a full disk, a port taken) gets its code whichever command met it
    const typed = typedFault(error);
    const [code, message] = typed instanceof QuaiError ? [typed.code, typed.message] : ['UNEXPECTED', String((typed as Error)?.message ?? typed)];
    process.stderr.write(`quai: ${message.split('\n')[0]} [${code}]\n`);
    // a failed command has nothing left to do: what it could not close (a store's pool, a socket,
    // a timer) must not keep it alive. stderr and stdout are written synchronously (files, pipes, terminals on Linux).
    process.exit(1);
  }
}
