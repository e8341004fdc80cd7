import { GS1_AI_LINES } from './gs1-ai-data.js';

export type Gs1Charset = 'N' | 'X' | 'Y' | 'Z';

export interface AiComponent {
  charset: Gs1Charset;
  min: number;
  max: number;
  optional: boolean;
  checks: string[];
}

/** A decimal AI: the last digit of the AI is the number of decimal places. */
export interface AiDecimal {
  kind: 'measure' | 'amount' | 'percent';
  /** The measure's unit (kg, m, l, lb…), from the AI's definition. */
  unit?: string;
  /** For 391n/393n the value starts with an ISO 4217 numeric currency code. */
  withCurrency?: boolean;
}

export interface AiDefinition {
  ai: string;
  title: string;
  components: AiComponent[];
  /** Pre-defined length (GS1 table of AI prefixes): no separator needed after it. */
  predefinedLength: boolean;
  maxLength: number;
  /** Each group: at least one AI matching one of these patterns must be present (strict mode). */
  requires: string[][];
  /** No AI matching these patterns may be present beside it (strict mode). */
  excludes: string[];
  /** Digital Link primary key: the qualifier sequences it allows (`[[]]` = none). */
  digitalLinkQualifiers?: string[][];
  decimal?: AiDecimal;
}

export const GS1_SEPARATOR = '\x1d';

/** AI prefixes whose element strings have a pre-defined length (GS1 General Specifications 7.8.5). */
const PREDEFINED_PREFIXES = new Set(['00', '01', '02', '03', '04', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '31', '32', '33', '34', '35', '36', '41']);

function parseComponent(text: string): AiComponent {
  const optional = text.startsWith('[');
  const [type = '', ...checks] = text.replace(/[[\]]/g, '').split('+');
  const match = /^([NXYZ])(\.\.)?(\d+)$/.exec(type);
  if (!match) throw new Error(`bad AI component ${text}`);
  const max = Number(match[3]);
  return { charset: match[1] as Gs1Charset, min: match[2] ? 1 : max, max, optional, checks };
}

function decimalOf(ai: string, title: string): AiDecimal | undefined {
  if (ai.length !== 4) return undefined;
  const family = ai.slice(0, 3);
  if (/^3[1-6]/.test(ai)) return { kind: 'measure', unit: /\(([^)]+)\)/.exec(title)?.[1] ?? '' };
  if (family === '390' || family === '392' || family === '395') return { kind: 'amount' };
  if (family === '391' || family === '393') return { kind: 'amount', withCurrency: true };
  if (family === '394') return { kind: 'percent' };
  return undefined;
}

function parseLine(line: string): AiDefinition[] {
  const [range = '', spec = '', rules = '', title = ''] = line.split('|');
  const [first = '', last = first] = range.split('-');
  const components = spec.split(' ').map(parseComponent);
  const requires: string[][] = [];
  const excludes: string[] = [];
  let digitalLinkQualifiers: string[][] | undefined;
  for (const rule of rules.split(' ').filter(Boolean)) {
    const [key, value = ''] = rule.split('=');
    if (key === 'req') requires.push(value.split(','));
    else if (key === 'ex') excludes.push(...value.split(','));
    else if (key === 'dl') digitalLinkQualifiers = value ? value.split('/').map((seq) => seq.split(',')) : [[]];
  }
  const definitions: AiDefinition[] = [];
  for (let n = Number(first); n <= Number(last); n++) {
    const ai = String(n).padStart(first.length, '0');
    definitions.push({
      ai,
      title: title.replace('# n', `# ${Number(ai.slice(-1)) + (title.startsWith('CERT') ? 1 : 0)}`),
      components,
      predefinedLength: PREDEFINED_PREFIXES.has(ai.slice(0, 2)),
      maxLength: components.reduce((sum, c) => sum + c.max, 0),
      requires,
      excludes,
      ...(digitalLinkQualifiers && { digitalLinkQualifiers }),
      ...(decimalOf(ai, title) && { decimal: decimalOf(ai, title) }),
    });
  }
  return definitions;
}

/** Every GS1 AI by its digits. AIs are prefix-free: no AI is the beginning of another. */
export const AI_TABLE: ReadonlyMap<string, AiDefinition> = new Map(
  GS1_AI_LINES.trim()
    .split('\n')
    .flatMap(parseLine)
    .map((d) => [d.ai, d]),
);

/** The AI at the start of `data`, if any. */
export function findAi(data: string, at = 0): AiDefinition | undefined {
  for (const size of [2, 3, 4]) {
    const found = AI_TABLE.get(data.slice(at, at + size));
    if (found) return found;
  }
  return undefined;
}

/** Does an AI match a pattern of the rules (`310n`, `31nn`, `01`)? */
export function aiMatches(ai: string, pattern: string): boolean {
  if (ai.length !== pattern.length) return false;
  for (let i = 0; i < ai.length; i++) if (pattern[i] !== 'n' && pattern[i] !== ai[i]) return false;
  return true;
}

/** GS1 character sets: CSET 82 (X), CSET 39 (Y), CSET 64 (Z, base64url). */
export const CHARSETS: Record<Gs1Charset, RegExp> = {
  N: /^[0-9]*$/,
  X: /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/,
  Y: /^[#\-/0-9A-Z]*$/,
  Z: /^[A-Za-z0-9\-_=]*$/,
};
