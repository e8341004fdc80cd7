import type { FloorMetric } from '../domain/floor-figures.js';
import { figureDetailWords } from '../tui/i18n/figure-details.js';
import { createTranslator, type Lang } from '../tui/i18n/translate.js';

/**
 * Everything `quai hub monitor` shows, in French and in English. A text missing from one
 * language fails the typecheck; a figure's detail codes read from the store (short-pick reasons,
 * discrepancy kinds) are said in words (`detail`), names (supervisors, event types) as they are.
 */
const fr = {
  title: 'Quai · tête de réseau — {sites} site(s)',
  erp: 'ERP {name}',
  erpUp: 'en service',
  erpEmbedded: 'intégré',
  erpDown: 'en échec',
  erpDownSince: 'en échec depuis {ago} : {error}',
  erpLastPull: 'dernier relevé {ago}',
  online: 'en ligne',
  offline: 'hors ligne',
  colLink: 'Lien',
  colSite: 'Site',
  colAgent: 'Agent',
  colLast: 'Dernier évén.',
  colBacklog: 'File',
  colRejected: 'Rejets',
  never: 'jamais',
  noAgents: 'aucun agent n’a encore contacté le hub',
  today: 'Aujourd’hui',
  orders: 'Cmd prép. {picked} · emb. {packed} · exp. {shipped}',
  lines: 'Lignes {lines} · {units} u · {rate}/h',
  shorts: 'Manquants {n}',
  weight: 'Pesées ✔{passed} ✖{failed} ⚑{overridden}',
  receipts: 'Récep. avec écarts {off}/{closed} · écarts {n}',
  counts: 'Écarts inv. {n}',
  replenish: 'Réappro {n}',
  moreSites: '+{n} site(s) : ↑/↓',
  siteTitle: '{site} · {day} ({zone})',
  sparkLines: 'Lignes/h',
  sparkUnits: 'Unités/h',
  colOperator: 'Opérateur',
  colLines: 'Lignes',
  colUnits: 'Unités',
  colRate: 'L/h',
  colShort: 'Manq.',
  colWeight: 'Pesées',
  colReceipts: 'Réc.±',
  colCounts: 'Inv.±',
  colReplenish: 'Réap.',
  noOperators: 'aucune activité aujourd’hui',
  shortReasons: 'manquants : {list}',
  overriddenBy: 'dérogations poids : {list}',
  siteShorts: 'Manquants par motif : {list}',
  siteOverrides: 'Dérogations de poids par superviseur : {list}',
  siteReceipts: 'Réceptions : {lines} ligne(s), {units} u ; écarts : {list}',
  siteCounts: 'Inventaire : {lines} ligne(s) ; {n} écart(s), {units} u',
  siteReplenish: 'Réappro : {n} demande(s), {units} u',
  none: 'aucun',
  keysMain: '[↑↓] site [Entrée] détail [?] aide [q] quitter',
  keysSite: '[↑↓] défiler [Échap] retour [?] aide [q] quitter',
  help: 'Touches : ↑/↓ choisir un site (dans un site : défiler), Entrée ouvrir le site, Échap ou Retour arrière revenir, ? cette aide, q quitter. Rafraîchi toutes les {seconds} s.',
  unreachable: '✖ Magasin du hub injoignable : {reason} — nouvel essai toutes les {seconds} s',
  readAt: 'lu à {time}',
} as const;

export type HubMonitorTextKey = keyof typeof fr;

const en: Record<HubMonitorTextKey, string> = {
  title: 'Quai · network head — {sites} site(s)',
  erp: 'ERP {name}',
  erpUp: 'up',
  erpEmbedded: 'embedded',
  erpDown: 'failing',
  erpDownSince: 'failing since {ago}: {error}',
  erpLastPull: 'last pull {ago}',
  online: 'online',
  offline: 'offline',
  colLink: 'Link',
  colSite: 'Site',
  colAgent: 'Agent',
  colLast: 'Last event',
  colBacklog: 'Queue',
  colRejected: 'Rejects',
  never: 'never',
  noAgents: 'no agent has reached the hub yet',
  today: 'Today',
  orders: 'Orders picked {picked} · packed {packed} · shipped {shipped}',
  lines: 'Lines {lines} · {units} u · {rate}/h',
  shorts: 'Short picks {n}',
  weight: 'Weighings ✔{passed} ✖{failed} ⚑{overridden}',
  receipts: 'Receipts with discrepancies {off}/{closed} · discrepancies {n}',
  counts: 'Count variances {n}',
  replenish: 'Replenishments {n}',
  moreSites: '+{n} site(s): ↑/↓',
  siteTitle: '{site} · {day} ({zone})',
  sparkLines: 'Lines/h',
  sparkUnits: 'Units/h',
  colOperator: 'Operator',
  colLines: 'Lines',
  colUnits: 'Units',
  colRate: 'L/h',
  colShort: 'Short',
  colWeight: 'Weighings',
  colReceipts: 'Recv±',
  colCounts: 'Cnt±',
  colReplenish: 'Repl',
  noOperators: 'no activity today',
  shortReasons: 'short: {list}',
  overriddenBy: 'weight overrides: {list}',
  siteShorts: 'Short picks by reason: {list}',
  siteOverrides: 'Weight overrides by supervisor: {list}',
  siteReceipts: 'Receipts: {lines} line(s), {units} u; discrepancies: {list}',
  siteCounts: 'Counts: {lines} line(s); {n} variance(s), {units} u',
  siteReplenish: 'Replenishment: {n} request(s), {units} u',
  none: 'none',
  keysMain: '[↑↓] site [Enter] detail [?] help [q] quit',
  keysSite: '[↑↓] scroll [Esc] back [?] help [q] quit',
  help: 'Keys: ↑/↓ choose a site (in a site: scroll), Enter open the site, Esc or Backspace back, ? this help, q quit. Refreshed every {seconds} s.',
  unreachable: '✖ Hub store unreachable: {reason} — trying again every {seconds} s',
  readAt: 'read at {time}',
};

export interface HubMonitorMessages {
  lang: Lang;
  /** A text, its `{name}` placeholders filled from params. */
  text(key: HubMonitorTextKey, params?: Record<string, string | number>): string;
  /** A number the language's way (decimal comma in French), to one decimal at most. */
  number(value: number): string;
  /** A figure's detail in words (figure-details.ts). */
  detail(metric: FloorMetric, code: string): string;
}

export function hubMonitorMessages(lang: Lang): HubMonitorMessages {
  const table: Record<HubMonitorTextKey, string> = lang === 'en' ? en : fr;
  const format = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1, useGrouping: false });
  const t = createTranslator(lang);
  return {
    lang,
    text: (key, params) => table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? '')),
    number: (value) => format.format(value),
    detail: (metric, code) => figureDetailWords(t, metric, code),
  };
}
