import type { Lang } from '../tui/i18n/translate.js';
import { RETENTION_DEFAULTS } from '../runtime/service-config-keys.js';

const NOTES = {
  en: {
    agentHead: 'Quai agent configuration: JSON with comments. Check it with `quai config check <file>`;\n// run with `quai agent --config <file>` (flags given win over this file). Every key: docs/operations.md.',
    hubHead: 'Quai hub configuration: JSON with comments. Check it with `quai config check <file>`;\n// run with `quai hub --config <file>` (flags given win over this file). Every key: docs/operations.md.',
    agentId: "this agent, as enrolled at the hub (`quai hub agent add <id>`)",
    siteId: 'the site this agent serves',
    siteTimeZone: 'the site\u2019s IANA time zone, for its days, shifts and hours (default: this machine\u2019s)',
    agentDataDir: 'store, API token, runtime file (default: <--data-dir>/agent)',
    hubDataDir: 'store, agent tokens, runtime file (default: <--data-dir>/hub)',
    db: 'SQLite file (default: agent.sqlite / hub.sqlite in dataDir) or postgres://user:password@host/database',
    hubUrl: 'the hub: ws://host:7310, or wss:// with TLS',
    tokenFile: 'the token `quai hub agent add` wrote (0600); default: <--data-dir>/hub/agent-tokens/<agentId>',
    caFile: 'wss:// only: a private CA or the hub\u2019s own certificate (PEM)',
    agentListen: 'the local API the terminals connect to',
    hubListen: 'where agents connect (0.0.0.0 to listen on every interface)',
    stations: 'each station\u2019s serial scanners and scales and its label printer (docs/devices.md);\n  // `quai devices list` shows the ports, and `quai config check` says when one is missing',
    tls: 'serve wss:// with this PEM certificate (chain) and key',
    enrol: 'agents enrolled at start if they are not (tokens in <dataDir>/agent-tokens/)',
    erp: 'the ERP behind the hub: "embedded" (the reference ERP) or "tryton" (then fill in "tryton")',
    tryton: 'Tryton 6.0: the user needs the groups in docs/operations.md "Point the hub at Tryton"',
    demo: 'the embedded ERP\u2019s demo warehouse, loaded into an empty store (seed: false for none)',
    metrics: 'Prometheus text at http://127.0.0.1:<port>/metrics (loopback only); remove the comment to serve it',
    agentRetention: 'days kept before pruning: outbox events the hub settled, audit rows',
    hubRetention: 'days kept before pruning: events applied to the ERP',
  },
  fr: {
    agentHead: 'Configuration d\u2019un agent Quai : JSON avec commentaires. À vérifier avec `quai config check <fichier>` ;\n// lancer avec `quai agent --config <fichier>` (les options données l\u2019emportent sur ce fichier). Chaque clé : docs/operations.md.',
    hubHead: 'Configuration d\u2019un hub Quai : JSON avec commentaires. À vérifier avec `quai config check <fichier>` ;\n// lancer avec `quai hub --config <fichier>` (les options données l\u2019emportent sur ce fichier). Chaque clé : docs/operations.md.',
    agentId: 'cet agent, tel qu\u2019inscrit au hub (`quai hub agent add <id>`)',
    siteId: 'le site que sert cet agent',
    siteTimeZone: 'le fuseau horaire IANA du site, pour ses journées, équipes et heures (par défaut : celui de cette machine)',
    agentDataDir: 'base, jeton de l\u2019API, fichier d\u2019exécution (par défaut : <--data-dir>/agent)',
    hubDataDir: 'base, jetons des agents, fichier d\u2019exécution (par défaut : <--data-dir>/hub)',
    db: 'fichier SQLite (par défaut : agent.sqlite / hub.sqlite dans dataDir) ou postgres://utilisateur:mot-de-passe@hôte/base',
    hubUrl: 'le hub : ws://hôte:7310, ou wss:// avec TLS',
    tokenFile: 'le jeton écrit par `quai hub agent add` (0600) ; par défaut : <--data-dir>/hub/agent-tokens/<agentId>',
    caFile: 'wss:// seulement : une AC privée ou le certificat du hub (PEM)',
    agentListen: 'l\u2019API locale où se connectent les terminaux',
    hubListen: 'où se connectent les agents (0.0.0.0 pour écouter sur toutes les interfaces)',
    stations: 'les douchettes et balances série de chaque poste et son imprimante d\u2019étiquettes (docs/devices.md) ;\n  // `quai devices list` montre les ports, et `quai config check` signale un périphérique absent',
    tls: 'servir wss:// avec ce certificat (chaîne) et cette clé PEM',
    enrol: 'agents inscrits au démarrage s\u2019ils ne le sont pas (jetons dans <dataDir>/agent-tokens/)',
    erp: 'l\u2019ERP derrière le hub : "embedded" (l\u2019ERP de référence) ou "tryton" (remplir alors "tryton")',
    tryton: 'Tryton 6.0 : l\u2019utilisateur a besoin des groupes de docs/operations.md « Point the hub at Tryton »',
    demo: 'l\u2019entrepôt de démonstration de l\u2019ERP intégré, chargé dans une base vide (seed: false pour aucun)',
    metrics: 'texte Prometheus sur http://127.0.0.1:<port>/metrics (boucle locale seulement) ; décommenter pour le servir',
    agentRetention: 'jours gardés avant la purge : événements réglés par le hub, lignes d\u2019audit',
    hubRetention: 'jours gardés avant la purge : événements appliqués à l\u2019ERP',
  },
} satisfies Record<Lang, Record<string, string>>;

/**
 * A commented starter configuration (JSON with comments, what `--config` reads) for an agent or a
 * hub, comments in `lang`. It checks OK as it is on a machine where hub and agent share a data
 * directory; what a site changes is commented out with its default or an example.
 */
export function starterConfig(kind: 'agent' | 'hub', lang: Lang, ids: { agentId?: string; siteId?: string } = {}): string {
  const n = NOTES[lang];
  if (kind === 'agent') {
    return `// ${n.agentHead}
{
  // ${n.agentId}
  "agentId": ${JSON.stringify(ids.agentId ?? 'AGENT-1')},
  // ${n.siteId}
  "siteId": ${JSON.stringify(ids.siteId ?? 'SITE-1')},
  // ${n.siteTimeZone}
  // "site": { "timeZone": "Europe/Paris" },
  // ${n.agentDataDir}
  // "dataDir": "/var/lib/quai/agent",
  // ${n.db}
  // "db": "/var/lib/quai/agent/agent.sqlite",
  "hub": {
    // ${n.hubUrl}
    "url": "ws://127.0.0.1:7310",
    // ${n.tokenFile}
    // "tokenFile": "/etc/quai/hub-token",
    // ${n.caFile}
    // "caFile": "/etc/quai/hub-ca.crt",
  },
  // ${n.agentListen}
  "listen": { "host": "127.0.0.1", "port": 7311 },
  // ${n.stations}
  "stations": {
    // "PACK-1": {
    //   "devices": [
    //     { "kind": "scanner", "id": "gun", "serial": { "path": "/dev/serial/by-id/usb-Datalogic_Scanner-if00" } },
    //     { "kind": "scale", "id": "scale", "profile": "mettler-toledo-mt-sics", "serial": { "path": "/dev/serial/by-id/usb-FTDI_FT232R-if00-port0" } }
    //   ],
    //   "printer": { "kind": "tcp", "host": "10.0.0.42", "port": 9100 }
    // }
  },
  // ${n.metrics}
  // "metrics": { "port": 9311 },
  // ${n.agentRetention}
  "retention": { "outboxDays": ${RETENTION_DEFAULTS.outboxDays}, "auditDays": ${RETENTION_DEFAULTS.auditDays} },
}
`;
  }
  return `// ${n.hubHead}
{
  // ${n.hubDataDir}
  // "dataDir": "/var/lib/quai/hub",
  // ${n.db}
  // "db": "postgres://quai:secret@db.lan/quai_hub",
  // ${n.hubListen}
  "listen": { "host": "127.0.0.1", "port": 7310 },
  // ${n.tls}
  // "tls": { "certFile": "/etc/quai/hub.crt", "keyFile": "/etc/quai/hub.key" },
  // ${n.enrol}
  "enrol": [],
  // ${n.erp}
  "erp": "embedded",
  // ${n.tryton}
  // "tryton": { "url": "http://erp.lan:8000", "database": "tryton", "user": "quai", "passwordFile": "/etc/quai/tryton-password", "pollSeconds": 5 },
  // ${n.demo}
  "demo": { "seed": true, "products": 240, "orders": 24 },
  // ${n.metrics}
  // "metrics": { "port": 9310 },
  // ${n.hubRetention}
  "retention": { "hubEventsDays": ${RETENTION_DEFAULTS.hubEventsDays} },
}
`;
}
