import { FLOOR_METRICS, type FloorMetric } from '../domain/floor-figures.js';
import type { Lang } from '../tui/i18n/translate.js';

/** What `quai hub report` says, in French and English: its usage errors and its table's words. */
export interface ReportWords {
  missingDay: (flag: string) => string;
  badDay: (flag: string, text: string) => string;
  toBeforeFrom: (from: string, to: string) => string;
  twoFormats: string;
  daysInTable: string;
  badShift: (text: string) => string;
  shiftWholeDay: (text: string) => string;
  shiftTooLong: string;
  shift: (start: string, end: string) => string;
  unknownSite: (site: string, known: string[]) => string;
  site: (siteId: string, zone: string, agents: string[]) => string;
  period: (from: string, to: string) => string;
  figure: string;
  events: string;
  units: string;
  operator: string;
  hours: string;
  lines: string;
  linesPerHour: string;
  unitsPerHour: string;
  noOperator: string;
  noSite: string;
  metrics: Record<FloorMetric, string>;
}

const EN: ReportWords = {
  missingDay: (flag) => `${flag} is required: the period's first (--from) and last (--to) day, YYYY-MM-DD`,
  badDay: (flag, text) => `${flag} ${text} is not a day: write it YYYY-MM-DD (a real calendar day, e.g. 2026-03-31)`,
  toBeforeFrom: (from, to) => `--to ${to} is before --from ${from}: the period is from its first day to its last, both included`,
  twoFormats: '--json and --csv together: choose one (neither prints a table)',
  daysInTable: '--days goes with --json or --csv (the table shows the period only)',
  badShift: (text) => `--shift ${text} is not a shift: write its whole hours HH:00-HH:00 (06:00-14:00; a night shift 22:00-06:00), the figures being per hour`,
  shiftWholeDay: (text) => `--shift ${text} starts and ends at the same hour: a shift is part of a day (for whole days, leave --shift out)`,
  shiftTooLong: '--shift covers at most 366 days: shorten the period',
  shift: (start, end) => `Shift ${start}–${end} on each day (no operators: their figures are per day)`,
  unknownSite: (site, known) => `no site ${site} at this hub; ${known.length > 0 ? `its sites: ${known.join(', ')}` : 'it knows no site yet (no agent enrolled)'}`,
  site: (siteId, zone, agents) => `Site ${siteId} (${zone}) · agents ${agents.join(', ')}`,
  period: (from, to) => `${from} → ${to}, each site's days in its own time zone`,
  figure: 'Figure',
  events: 'Events',
  units: 'Units',
  operator: 'Operator',
  hours: 'Hours',
  lines: 'Lines',
  linesPerHour: 'Lines/h',
  unitsPerHour: 'Units/h',
  noOperator: '(none)',
  noSite: 'No site: no agent is enrolled at this hub.',
  metrics: FLOOR_METRICS,
};

const FR: ReportWords = {
  missingDay: (flag) => `${flag} est requis : le premier (--from) et le dernier (--to) jour de la période, AAAA-MM-JJ`,
  badDay: (flag, text) => `${flag} ${text} n’est pas un jour : écrivez-le AAAA-MM-JJ (un vrai jour du calendrier, par ex. 2026-03-31)`,
  toBeforeFrom: (from, to) => `--to ${to} est avant --from ${from} : la période va de son premier jour à son dernier, tous deux compris`,
  twoFormats: '--json et --csv ensemble : choisissez-en un (sans aucun des deux, un tableau)',
  daysInTable: '--days va avec --json ou --csv (le tableau ne montre que la période)',
  badShift: (text) => `--shift ${text} n’est pas une équipe : écrivez ses heures pleines HH:00-HH:00 (06:00-14:00 ; une équipe de nuit 22:00-06:00), les chiffres étant par heure`,
  shiftWholeDay: (text) => `--shift ${text} commence et finit à la même heure : une équipe est une partie du jour (pour des jours entiers, omettez --shift)`,
  shiftTooLong: '--shift couvre au plus 366 jours : raccourcissez la période',
  shift: (start, end) => `Équipe ${start}–${end} chaque jour (sans opérateurs : leurs chiffres sont par jour)`,
  unknownSite: (site, known) => `aucun site ${site} à ce hub ; ${known.length > 0 ? `ses sites : ${known.join(', ')}` : "il ne connaît encore aucun site (aucun agent inscrit)"}`,
  site: (siteId, zone, agents) => `Site ${siteId} (${zone}) · agents ${agents.join(', ')}`,
  period: (from, to) => `${from} → ${to}, les jours de chaque site dans son propre fuseau horaire`,
  figure: 'Chiffre',
  events: 'Événements',
  units: 'Unités',
  operator: 'Opérateur',
  hours: 'Heures',
  lines: 'Lignes',
  linesPerHour: 'Lignes/h',
  unitsPerHour: 'Unités/h',
  noOperator: '(aucun)',
  noSite: 'Aucun site : aucun agent n’est inscrit à ce hub.',
  metrics: {
    'pick.line': 'lignes prélevées ; unités prélevées',
    'pick.short': 'manquants au prélèvement ; unités, par motif',
    'order.picked': 'commandes prélevées (closes au hub)',
    'parcel.packed': 'colis fermés ; unités dedans',
    'order.packed': 'commandes emballées (dernier colis fermé)',
    'order.shipped': 'commandes expédiées (passées par l’ERP)',
    'weight.passed': 'contrôles de poids réussis',
    'weight.failed': 'contrôles de poids échoués, par motif',
    'weight.overridden': 'contrôles de poids forcés, par superviseur',
    'receipt.line': 'lignes de réception rangées ; unités',
    'receipt.discrepancy': 'écarts de réception ; unités, par type',
    'receipt.closed': 'réceptions closes, avec ou sans écart',
    'count.line': 'lignes d’inventaire',
    'count.variance': 'écarts d’inventaire ; unités d’écart',
    'replenishment.requested': 'demandes de réapprovisionnement ; unités',
    'event.rejected': 'événements refusés par l’ERP, par type',
  },
};

export const REPORT_WORDS: Record<Lang, ReportWords> = { en: EN, fr: FR };
