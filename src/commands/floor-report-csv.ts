import { floorMetrics } from '../domain/floor-figures.js';
import type { Figures, FloorReport } from '../hub/floor-report.js';

/** The columns of `quai hub report --csv`, in order (docs/operations.md "Floor report"). */
export const REPORT_CSV_COLUMNS = ['site', 'time_zone', 'day', 'operator', 'metric', 'detail', 'events', 'units'] as const;

/** The operator column of the events no operator signed (an empty operator is "all operators"). */
export const NO_OPERATOR = '-';

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, its quotes doubled. */
const field = (value: string | number): string => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const row = (values: (string | number)[]): string => `${values.map(field).join(',')}\r\n`;

/**
 * The figures' rows of one block (a site's period, one of its days, one operator): per metric its
 * total (empty `detail`), then one row per detail (in order). With `zeros`, every metric has its
 * total row, else only those that counted something.
 */
function figureRows(prefix: (string | number)[], figures: Figures, zeros: boolean): string[] {
  const rows: string[] = [];
  for (const metric of floorMetrics) {
    const figure = figures[metric];
    if (!zeros && figure.n === 0 && figure.quantity === 0) continue;
    rows.push(row([...prefix, metric, '', figure.n, figure.quantity]));
    for (const detail of Object.keys(figure.by).sort()) rows.push(row([...prefix, metric, detail, figure.by[detail]!.n, figure.by[detail]!.quantity]));
  }
  return rows;
}

/**
 * `quai hub report --csv`: RFC 4180 (comma, CRLF, a header row), UTF-8. Per site: the period's
 * totals (empty `day` and `operator`; every metric, zeros included), each day's (`day` set, empty
 * `operator`), then each operator's over the period (empty `day`), that operator's hours worked
 * first as the metric `hours.worked` (`events` = hours). A row with an empty `detail` is the
 * figure's total; a row with a detail is one part of it.
 */
export function formatReportCsv(report: FloorReport): string {
  const lines = [row([...REPORT_CSV_COLUMNS])];
  for (const site of report.sites) {
    lines.push(...figureRows([site.siteId, site.timeZone, '', ''], site.figures, true));
    for (const day of site.days) lines.push(...figureRows([site.siteId, site.timeZone, day.day, ''], day.figures, false));
    for (const o of site.operators) {
      const operator = o.operator ?? NO_OPERATOR;
      lines.push(row([site.siteId, site.timeZone, '', operator, 'hours.worked', '', o.hoursWorked, 0]));
      lines.push(...figureRows([site.siteId, site.timeZone, '', operator], o.figures, false));
    }
  }
  return lines.join('');
}
