import { isSiteDay, siteDayCount, type Shift } from '../domain/site-time.js';
import { floorReport, hubSites, type FloorReport, type FloorReportQuery } from '../hub/floor-report.js';
import type { Lang } from '../tui/i18n/translate.js';
import { formatReportCsv } from './floor-report-csv.js';
import { formatReportTable } from './floor-report-table.js';
import { withHubStore } from './hub-agents-command.js';
import { REPORT_WORDS } from './hub-report-words.js';
import { usageError } from './usage-error.js';

/** `quai hub report`'s flags as commander gives them. */
export interface HubReportFlags {
  dataDir: string;
  db?: string;
  from?: string;
  to?: string;
  site?: string;
  json: boolean;
  csv: boolean;
  days: boolean;
  shift?: string;
}

/**
 * The period and site `flags` ask for, or a usage error (stderr, exit 2) in `lang`: a day missing or
 * not a real `YYYY-MM-DD` day, `--to` before `--from`, `--json` with `--csv`, `--days` without either,
 * a `--shift` that is not `HH:mm-HH:mm`, or one over more than 366 days.
 */
export function reportQuery(flags: HubReportFlags, lang: Lang): FloorReportQuery {
  const words = REPORT_WORDS[lang];
  if (flags.json && flags.csv) usageError(words.twoFormats);
  if (flags.days && !flags.json && !flags.csv) usageError(words.daysInTable);
  const day = (flag: '--from' | '--to', text: string | undefined): string => {
    if (text === undefined) return usageError(words.missingDay(flag));
    if (!isSiteDay(text)) return usageError(words.badDay(flag, text));
    return text;
  };
  const from = day('--from', flags.from);
  const to = day('--to', flags.to);
  if (to < from) usageError(words.toBeforeFrom(from, to));
  const shift = flags.shift === undefined ? undefined : shiftOf(flags.shift, words);
  if (shift && siteDayCount(from, to) > 366) usageError(words.shiftTooLong);
  return { from, to, ...(flags.site !== undefined && { site: flags.site }), ...(flags.days && { days: true }), ...(shift && { shift }) };
}

/** `--shift HH:00-HH:00` as a shift (whole hours: the figures are summed per site hour), or a usage error. */
function shiftOf(text: string, words: (typeof REPORT_WORDS)[Lang]): Shift {
  const clocks = /^(([01]\d|2[0-3]):00)-(([01]\d|2[0-3]):00)$/.exec(text);
  if (!clocks) return usageError(words.badShift(text));
  if (clocks[1] === clocks[3]) return usageError(words.shiftWholeDay(text));
  return { name: text, start: clocks[1]!, end: clocks[3]! };
}

/**
 * `quai hub report`: the floor's figures of a period per site (src/hub/floor-report.ts), from the hub
 * store `--db` or the data directory's, as the text to print: a table in `lang`, the FloorReport's
 * JSON (`--json`) or CSV (`--csv`). Usage errors as {@link reportQuery}, and an unknown `--site`
 * (naming the hub's sites); HUB_STORE_MISSING, STORE_TIMEOUT as `withHubStore`.
 */
export async function runHubReport(flags: HubReportFlags, lang: Lang): Promise<string> {
  const query = reportQuery(flags, lang);
  const report: FloorReport = await withHubStore(flags.dataDir, flags.db, async (db) => {
    if (query.site !== undefined) {
      const sites = await hubSites(db);
      if (!sites.includes(query.site)) usageError(REPORT_WORDS[lang].unknownSite(query.site, sites));
    }
    return floorReport(db, query);
  });
  if (flags.json) return `${JSON.stringify(report)}\n`;
  if (flags.csv) return formatReportCsv(report);
  return `${formatReportTable(report, lang)}\n`;
}
