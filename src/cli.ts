import { Argument, Command, CommanderError, Option } from 'commander';
import { configOption, countArg, dataDirOption, dbOption, decimalsArg, intervalArg, langOption, layoutArg, metricsPortArg, portArg, withWedgeOptions } from './commands/cli-options.js';
import { preferLiveTerminal } from './commands/live-terminal.js';
import { scaleProtocolOption, serialFrom, withSerialOptions } from './commands/serial-options.js';
import { printServiceUnit, SERVICE_KINDS, type ServiceKind } from './commands/service-command.js';
import { usageError } from './commands/usage-error.js';
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
  .addOption(configOption('agent'))
  .addOption(dataDirOption())
  .option('--agent-id <id>', 'this agent (default AGENT-1)')
  .option('--site-id <id>', 'the site (default SITE-1)')
  .addOption(dbOption('agent'))
  .option('--hub-url <ws-url>', 'the hub (ws:// or wss://)')
  .option('--hub-ca <file>', "PEM certificate(s) to trust for a wss:// hub (a private CA or the hub's own certificate)")
  .option('--hub-token-file <file>', 'file holding the token the hub expects')
  .option('--host <host>', 'local API address (default 127.0.0.1)')
  .option('--port <port>', 'local API port (default 7311, 0 = any)', portArg)
  .option('--metrics-port <port>', 'serve Prometheus /metrics on 127.0.0.1 at this port (config metrics.port)', metricsPortArg)
  .option('--log-file <file>', 'write logs there instead of stdout')
  .action(async (opts) => {
    const [{ agentStartConfig }, { startAgent }, { runService }, { limitHeapGrowth, AGENT_HEAP_GROWING_PERCENT }] = await Promise.all([
      import('./commands/service-config.js'),
      import('./agent/start-agent.js'),
      import('./commands/service-process.js'),
      import('./runtime/heap-growth.js'),
    ]);
    limitHeapGrowth(AGENT_HEAP_GROWING_PERCENT);
    const config = agentStartConfig(opts);
    await runService(() => startAgent(config));
  });

const hub = program
  .command('hub')
  // `quai hub inspect --data-dir D`: options after `inspect` are inspect's own
  .enablePositionalOptions()
  .description('run the hub: the ERP side of the agents\u2019 link (the embedded reference ERP, or Tryton 6.0)')
  .addOption(configOption('hub'))
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--host <host>', 'listen address (default 127.0.0.1)')
  .option('--port <port>', 'listen port (default 7310, 0 = any)', portArg)
  .option('--tls-cert <file>', 'serve wss:// with this PEM certificate (chain); needs --tls-key')
  .option('--tls-key <file>', 'the PEM private key of --tls-cert')
  .option('--enrol <agent-id...>', 'enrol these agents at start if they are not (tokens in <data-dir>/hub/agent-tokens/)')
  .option('--no-seed', 'do not load the demo warehouse into an empty store')
  .option('--demo-products <n>', 'products in the demo warehouse (default 240)', countArg)
  .option('--demo-orders <n>', 'generated orders in the demo warehouse, its weighed goods\' order on top (default 24)', countArg)
  .option('--log-file <file>', 'write logs there instead of stdout')
  .addOption(new Option('--erp <erp>', 'the ERP behind the hub (default embedded)').choices(['embedded', 'tryton']))
  .option('--tryton-url <url>', 'the Tryton server, e.g. http://erp.local:8000 (with --erp tryton)')
  .option('--tryton-db <name>', 'the Tryton database')
  .option('--tryton-user <login>', 'the Tryton user the hub works as')
  .option('--tryton-password-file <file>', "a 0600 file holding that user's password")
  .option('--tryton-poll <seconds>', 'seconds between pulls from Tryton (default 5)', countArg)
  .option('--metrics-port <port>', 'serve Prometheus /metrics on 127.0.0.1 at this port (config metrics.port)', metricsPortArg)
  .action(async (opts) => {
    const [{ startHub }, { runService }, { hubStartConfig }] = await Promise.all([import('./hub/start-hub.js'), import('./commands/service-process.js'), import('./commands/service-config.js')]);
    // --no-seed sets seed false; true is commander's default, not the admin's word
    const config = hubStartConfig({ ...opts, seed: opts.seed === false ? false : undefined });
    await runService(() => startHub(config));
  });

const hubAgents = hub.command('agent').description('the agents allowed to connect, one token each');
hubAgents
  .command('add <agent-id>')
  .description("enrol an agent: its token goes to a 0600 file to copy to the agent's hub.tokenFile; a token already in that file is kept (delete the file for a new one); makes the hub store if there is none, and says where")
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--token-file <file>', 'token file to write, or to read if it exists (default <data-dir>/hub/agent-tokens/<agent-id>)')
  .action(async (agentId: string, opts) => {
    const { addAgent } = await import('./commands/hub-agents-command.js');
    process.stdout.write(`${await addAgent(opts.dataDir, opts.db, agentId, opts.tokenFile)}\n`);
  });
hubAgents
  .command('remove <agent-id>')
  .description("revoke an agent's token: its next connection is refused")
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .action(async (agentId: string, opts) => {
    const { removeAgent } = await import('./commands/hub-agents-command.js');
    process.stdout.write(`${await removeAgent(opts.dataDir, opts.db, agentId)}\n`);
  });
hubAgents
  .command('list')
  .description('the enrolled agents')
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .action(async (opts) => {
    const { listAgents } = await import('./commands/hub-agents-command.js');
    for (const line of await listAgents(opts.dataDir, opts.db)) process.stdout.write(`${line}\n`);
  });

const hubOperators = hub.command('operator').description("operators' badges and supervisors' override PINs (what the ERP does not hold)");
hubOperators
  .command('set <code>')
  .description("give an operator a badge, or a supervisor an override PIN (read from a file or '-' for standard input, never from the command line)")
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--badge <badge>', 'the badge to sign in with')
  .option('--no-badge', 'remove the badge')
  .option('--pin-file <file>', "a 0600 file holding the PIN (4 to 12 digits), or '-' to read it from standard input")
  .option('--no-pin', 'remove the PIN')
  .action(async (code: string, opts) => {
    const { setOperator } = await import('./commands/hub-operators-command.js');
    await setOperator(opts.dataDir, opts.db, code, opts);
    process.stdout.write(`${code} updated; the agents get it with the catalog\n`);
  });
hubOperators
  .command('list')
  .description('the operators at the hub, with their badge and whether they have a PIN')
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .action(async (opts) => {
    const [{ withHubStore }, { listOperators }] = await Promise.all([import('./commands/hub-agents-command.js'), import('./hub/operator-access.js')]);
    await withHubStore(opts.dataDir, opts.db, async (db) => {
      for (const o of await listOperators(db)) process.stdout.write(`${o.code}\t${o.role}\t${o.name}\t${o.badge ?? '-'}\t${o.hasPin ? 'PIN' : '-'}\n`);
    });
  });

hub
  .command('inspect')
  .description("print the hub's documents with their states and the events applied per agent")
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const [{ inspectHubStore }, { formatInspection }] = await Promise.all([import('./commands/hub-inspect-command.js'), import('./hub/hub-inspect.js')]);
    const report = await inspectHubStore(opts.dataDir, opts.db);
    process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatInspection(report)}\n`);
  });

hub
  .command('report')
  .description("the floor's figures of a period per site (each site's days in its own time zone) and per operator: a table, JSON or CSV")
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--from <day>', "the period's first day, YYYY-MM-DD")
  .option('--to <day>', "the period's last day (included), YYYY-MM-DD")
  .option('--site <site-id>', 'only this site')
  .option('--json', 'the report as JSON', false)
  .option('--csv', 'the report as CSV (RFC 4180, UTF-8): one row per site, day or operator, figure and detail', false)
  .option('--days', "add each site's days (JSON `days`, CSV day rows): longer to read over months", false)
  .option('--shift <HH:00-HH:00>', "only this shift's hours on each day, in each site's clock (22:00-06:00: a night shift); no operators")
  .addOption(langOption())
  .action(async (opts) => {
    const [{ runHubReport }, { langFromEnv }] = await Promise.all([import('./commands/hub-report-command.js'), import('./tui/i18n/translate.js')]);
    process.stdout.write(await runHubReport(opts, opts.lang ?? langFromEnv(process.env)));
  });

hub
  .command('monitor')
  .description('every site at a glance from the hub store: links, last events, backlog, rejected events, the ERP link, and each site\u2019s figures of its day (Enter: per operator)')
  .addOption(dataDirOption())
  .addOption(dbOption('hub'))
  .option('--interval <seconds>', 'read the hub again every so many seconds (0.5 to 3600)', intervalArg, 2)
  .addOption(langOption())
  .action(async (opts) => {
    const [{ openHubMonitorSource }, { runHubMonitor }] = await Promise.all([import('./commands/hub-monitor-command.js'), import('./monitor/run-hub-monitor.js')]);
    const source = await openHubMonitorSource(opts.dataDir, opts.db);
    try {
      await runHubMonitor({ source: source.read, intervalMs: opts.interval * 1000, ...(opts.lang && { lang: opts.lang }) });
    } finally {
      await source.close();
    }
  });

program
  .command('status')
  .description("the agent's hub link, events waiting and rejected, catalog size")
  .addOption(dataDirOption())
  .addOption(dbOption('agent', 'when no agent runs'))
  .option('--json', 'machine-readable output', false)
  .action(async (opts) => {
    const { agentStatus, formatStatus } = await import('./commands/status-command.js');
    const report = await agentStatus(opts.dataDir, opts.db);
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
    const { readAudit, formatAuditEntry } = await import('./commands/audit-command.js');
    const entries = await readAudit(opts.dataDir, opts.station ?? null, opts.limit);
    if (opts.json) process.stdout.write(`${JSON.stringify(entries)}\n`);
    else for (const e of entries) process.stdout.write(`${formatAuditEntry(e)}\n`);
  });

program
  .command('sync')
  .description('ask the running agent to reconnect to the hub and send what waits, now')
  .addOption(dataDirOption())
  .requiredOption('--now', 'sync immediately')
  .option('--catalog', 'also reload the whole catalog from the hub (reconciliation: what the hub no longer has is removed)', false)
  .action(async (opts) => {
    const [{ requireRunningAgent }, { requestAgent }] = await Promise.all([import('./commands/running-agent.js'), import('./commands/local-api-client.js')]);
    const agent = requireRunningAgent(opts.dataDir);
    await requestAgent(agent.port, agent.token, { type: 'sync-now', catalog: opts.catalog }, 'sync-started');
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
    const [{ requireRunningAgent }, { runLoad, formatLoadReport, parseLoadMix }] = await Promise.all([import('./commands/running-agent.js'), import('./commands/load-command.js')]);
    const mix = parseLoadMix(String(opts.mix));
    const agent = requireRunningAgent(opts.dataDir);
    const report = await runLoad({
      port: agent.port,
      token: agent.token,
      terminals: opts.terminals,
      ...(opts.stations && { stations: String(opts.stations).split(',').map((t) => t.trim()).filter(Boolean) }),
      durationMs: opts.duration * 1000,
      mix,
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
    const [{ requireRunningAgent }, { runMonitor }] = await Promise.all([import('./commands/running-agent.js'), import('./monitor/run-monitor.js')]);
    const agent = requireRunningAgent(opts.dataDir);
    await runMonitor({ port: agent.port, token: agent.token, logFile: agent.logFile, ...(opts.lang && { lang: opts.lang }) });
  });

program
  .command('config')
  .description('configuration files')
  .command('check <file>')
  .description('check an agent or hub configuration file: every fault with its JSON path (exit 1), or OK; the kind is --kind, else told by the file\u2019s keys (agent on a tie)')
  .addOption(new Option('--kind <kind>', 'check the file as this').choices(['agent', 'hub']))
  .addOption(dataDirOption())
  .addOption(langOption())
  .action(async (file: string, opts) => (await import('./commands/config-command.js')).runConfigCheck(file, opts));

program
  .command('init <kind> [file]')
  .description('write a commented starter configuration for an agent or a hub (kind: agent or hub) to file, or to stdout')
  .option('--force', 'replace the file if it exists', false)
  .option('--agent-id <id>', 'agent: this agent (default AGENT-1)')
  .option('--site-id <id>', 'agent: the site (default SITE-1)')
  .addOption(langOption())
  .action(async (kind: string, file: string | undefined, opts) => {
    if (kind !== 'agent' && kind !== 'hub') usageError(`init writes an agent or a hub configuration: quai init agent|hub [file], not ${kind}`);
    (await import('./commands/init-command.js')).runInitCommand(kind, file, opts);
  });

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
    const { listDevices, formatDevicesListing } = await import('./commands/devices-list-command.js');
    const listing = await listDevices(opts.dataDir, opts.byIdDir);
    process.stdout.write(opts.json ? `${JSON.stringify(listing)}\n` : `${formatDevicesListing(listing)}\n`);
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
    const { runDevicesWatch } = await import('./commands/devices-watch-command.js');
    await runDevicesWatch(opts);
  });

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

/** `backup`, `restore`, `prune`: on the store the agent uses, or with --hub the hub (its config, env, data dir). */
const storeCommand = (name: string, description: string) =>
  program.command(name).description(description).option('--hub', "the hub's store, not the agent's", false).addOption(configOption('either')).addOption(dataDirOption()).addOption(dbOption('either'));
const storeOf = async (opts: { hub: boolean; config?: string; dataDir: string; db?: string }) => (await import('./commands/store-choice.js')).resolveStore(opts);
const printLine = (line: string) => process.stdout.write(`${line}\n`);
storeCommand('backup', 'a consistent copy of the store, taken while the agent or hub runs (PostgreSQL: prints the pg_dump to run)')
  .requiredOption('--to <file>', 'the backup file to write (must not exist; its directory is made if missing)')
  .action(async (opts) => (await import('./commands/backup-command.js')).runBackup(await storeOf(opts), opts.to, printLine));
storeCommand('restore', 'put a backup in place of the store; refused while the agent or hub runs on it (PostgreSQL: prints the pg_restore to run)')
  .requiredOption('--from <file>', 'a file `quai backup` wrote')
  .action(async (opts) => (await import('./commands/backup-command.js')).runRestore(await storeOf(opts), opts.from, printLine));
storeCommand('prune', 'one pass of the retention job on a stopped store, then VACUUM (a running agent or hub prunes itself every hour)')
  .option('--outbox-days <days>', "agent: keep accepted events this many days (default the configuration's retention.outboxDays, else 30)", countArg)
  .option('--audit-days <days>', "agent: keep audit rows this many days (default the configuration's retention.auditDays, else 365)", countArg)
  .option('--events-days <days>', "hub: keep applied events this many days (default the configuration's retention.hubEventsDays, else 90)", countArg)
  .action(async (opts) => (await import('./commands/prune-command.js')).runPrune(await storeOf(opts), { outboxDays: opts.outboxDays, auditDays: opts.auditDays, hubEventsDays: opts.eventsDays }, new Date(), printLine));

program
  .command('service')
  .description('run Quai under systemd')
  .command('print')
  .description('print the systemd unit of the agent or the hub (the files under deploy/systemd/; docs/operations.md "Install as a service")')
  .addArgument(new Argument('<kind>', 'which service').choices(SERVICE_KINDS))
  .action((kind: ServiceKind) => printServiceUnit(kind));

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
