/** The long-lived `quai` processes a site runs under systemd. */
export const SERVICE_KINDS = ['agent', 'hub'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

/**
 * Where the units put things; each agrees with what `quai agent` / `quai hub` read by default:
 * `$QUAI_DATA_DIR` is their data directory (agent files in `<dir>/agent`, hub files in `<dir>/hub`),
 * and `npm install -g` puts the `quai` command in `<prefix>/bin`.
 */
export const SERVICE_PATHS = {
  dataDir: '/var/lib/quai',
  configDir: '/etc/quai',
  user: 'quai',
} as const;

const PER_KIND: Record<ServiceKind, { description: string; devices: string[] }> = {
  agent: {
    description: "Quai site agent (serial devices, store, terminals' local API, hub link)",
    // serial scanners, scales and printers: USB adapters (ttyUSB), CDC-ACM devices (ttyACM), on-board ports (ttyS)
    devices: ['SupplementaryGroups=dialout', 'DevicePolicy=closed', 'DeviceAllow=char-ttyUSB rw', 'DeviceAllow=char-ttyACM rw', 'DeviceAllow=char-ttyS rw'],
  },
  hub: { description: "Quai hub (the ERP side of the agents' link)", devices: ['PrivateDevices=yes'] },
};

/**
 * The systemd unit `quai service print <kind>` prints and deploy/systemd/quai-<kind>.service holds:
 * a dedicated `quai` user, restart on failure, JSON logs to the journal, the data directory the
 * only place it may write. Text ending with a newline.
 */
export function serviceUnit(kind: ServiceKind): string {
  const { dataDir, configDir, user } = SERVICE_PATHS;
  const { description, devices } = PER_KIND[kind];
  return `# quai-${kind}.service, as \`quai service print ${kind}\` prints it (docs/operations.md, "Install as a service").
# Change it with \`systemctl edit quai-${kind}\` rather than here.
[Unit]
Description=${description}
Wants=network-online.target
After=network-online.target
# a unit failing 5 times in 5 minutes stays failed (systemctl reset-failed quai-${kind} once fixed)
StartLimitIntervalSec=300
StartLimitBurst=5

[Service]
Type=exec
User=${user}
Group=${user}
Environment=QUAI_DATA_DIR=${dataDir}
# \`quai\` is looked up in /usr/local/bin then /usr/bin (npm install -g with the prefix /usr/local or /usr);
# another prefix: give the absolute path in \`systemctl edit quai-${kind}\`
ExecStart=quai ${kind} --config ${configDir}/${kind}.jsonc
Restart=on-failure
RestartSec=5s
TimeoutStopSec=30s
# pino's JSON lines on stdout, one journal entry each: journalctl -u quai-${kind} -o cat
StandardOutput=journal
StandardError=journal
SyslogIdentifier=quai-${kind}

# ${dataDir} (made and owned by ${user}) is the only place it writes; ${configDir} is read only
StateDirectory=quai
StateDirectoryMode=0750
ReadWritePaths=${dataDir}
UMask=0077
ProtectSystem=strict
ProtectHome=yes
ProtectProc=invisible
PrivateTmp=yes
NoNewPrivileges=yes
${devices.join('\n')}
CapabilityBoundingSet=
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectClock=yes
ProtectHostname=yes
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
RemoveIPC=yes
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
SystemCallArchitectures=native
SystemCallFilter=@system-service
SystemCallErrorNumber=EPERM
# no MemoryDenyWriteExecute: Node's JIT compiler writes the code it runs

[Install]
WantedBy=multi-user.target
`;
}

/** `quai service print <kind>`: the unit on stdout. */
export function printServiceUnit(kind: ServiceKind): void {
  process.stdout.write(serviceUnit(kind));
}
