import { METRICS_WITH_UNITS, floorMetrics } from '../domain/floor-figures.js';
import type { FloorReport, SiteFigures } from '../hub/floor-report.js';
import { figureDetailWords } from '../tui/i18n/figure-details.js';
import { createTranslator, type Lang } from '../tui/i18n/translate.js';
import { REPORT_WORDS } from './hub-report-words.js';

const LABEL = 48;
const NUMBER = 12;

/** `text` cut to `width` characters, its last one an ellipsis when cut. */
const fit = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text);
const left = (text: string, width: number) => fit(text, width).padEnd(width);
const right = (text: string | number, width: number) => fit(String(text), width).padStart(width);

function siteLines(site: SiteFigures, lang: Lang): string[] {
  const words = REPORT_WORDS[lang];
  const t = createTranslator(lang);
  const rate = (value: number | null) => (value === null ? '–' : lang === 'fr' ? value.toFixed(1).replace('.', ',') : value.toFixed(1));
  const lines = [fit(words.site(site.siteId, site.timeZone, site.agents), 80), '', `  ${left(words.figure, LABEL)}${right(words.events, NUMBER)}${right(words.units, NUMBER)}`];
  for (const metric of floorMetrics) {
    const figure = site.figures[metric];
    // a figure without units shows none, not 0
    const units = (quantity: number) => (METRICS_WITH_UNITS.has(metric) ? quantity : '–');
    lines.push(`  ${left(words.metrics[metric], LABEL)}${right(figure.n, NUMBER)}${right(units(figure.quantity), NUMBER)}`);
    const details = Object.entries(figure.by).map(([detail, count]) => ({ words: figureDetailWords(t, metric, detail), count }));
    details.sort((a, b) => a.words.localeCompare(b.words, lang));
    for (const { words: label, count } of details) lines.push(`    ${left(label, LABEL - 2)}${right(count.n, NUMBER)}${right(units(count.quantity), NUMBER)}`);
  }
  if (site.operators.length > 0) {
    lines.push('', `  ${left(words.operator, 14)}${right(words.hours, 8)}${right(words.lines, 10)}${right(words.units, 10)}${right(words.linesPerHour, 10)}${right(words.unitsPerHour, 10)}`);
    for (const o of site.operators) {
      const picked = o.figures['pick.line'];
      lines.push(`  ${left(o.operator ?? words.noOperator, 14)}${right(o.hoursWorked, 8)}${right(picked.n, 10)}${right(picked.quantity, 10)}${right(rate(o.linesPerHour), 10)}${right(rate(o.unitsPerHour), 10)}`);
    }
  }
  return lines;
}

/**
 * `quai hub report`'s table, in `lang`, each line at most 80 columns: the period, then per site its
 * figures (events and units, each detail under its figure, in words where it is a code) and its operators (hours worked, pick
 * lines and units, and their rates per hour).
 */
export function formatReportTable(report: FloorReport, lang: Lang): string {
  const words = REPORT_WORDS[lang];
  const lines = [words.period(report.from, report.to), ...(report.shift ? [words.shift(report.shift.start, report.shift.end)] : [])];
  if (report.sites.length === 0) lines.push('', words.noSite);
  for (const site of report.sites) lines.push('', ...siteLines(site, lang));
  return lines.join('\n');
}
