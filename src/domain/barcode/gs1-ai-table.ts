/**
 * Application identifiers known to the skeleton. The complete GS1 table arrives with the
 * devices work; this subset covers what picking and receiving read today.
 */
export interface AiDefinition {
  title: string;
  /** Exact length for fixed-length AIs, maximum length otherwise. */
  length: number;
  fixed: boolean;
  charset: 'N' | 'X';
  /** Whether the value ends with a GS1 mod-10 check digit. */
  checkDigit?: boolean;
  date?: boolean;
}

export const GS1_SEPARATOR = '\x1d';

export const AI_TABLE: Readonly<Record<string, AiDefinition>> = {
  '00': { title: 'SSCC', length: 18, fixed: true, charset: 'N', checkDigit: true },
  '01': { title: 'GTIN', length: 14, fixed: true, charset: 'N', checkDigit: true },
  '02': { title: 'CONTENT', length: 14, fixed: true, charset: 'N', checkDigit: true },
  '10': { title: 'BATCH/LOT', length: 20, fixed: false, charset: 'X' },
  '17': { title: 'USE BY OR EXPIRY', length: 6, fixed: true, charset: 'N', date: true },
  '21': { title: 'SERIAL', length: 20, fixed: false, charset: 'X' },
  '37': { title: 'COUNT', length: 8, fixed: false, charset: 'N' },
};

/** GS1 CSET 82: no space, '#', '$' or '@'. */
export const CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
