import { hasValidCheckDigit, withCheckDigit } from './check-digit.js';

/** ISO 2108 / ISO 3297 mod-11 check: weights n…2 from the left, `X` for 10. */
function mod11CheckChar(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * (digits.length + 1 - i);
  const check = (11 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

const ISBN = /^(?:ISBN(?:-1[03])?:? ?)?(\d{9}[\dX]|\d{1,5}-\d{1,7}-\d{1,7}-[\dX]|97[89]-\d{1,5}-\d{1,7}-\d{1,7}-\d|97[89]\d{10})$/i;
const ISSN = /^(?:ISSN:? ?)?(\d{4}-\d{3}[\dX]|\d{7}X)$/i;

/**
 * An ISBN as its GTIN-14. ISBN-10 (`0306406152`, `0-306-40615-2`, `ISBN 0-8044-2957-X`): prefix 978,
 * its nine data digits, a GS1 check digit (ISO 2108: the ISBN-13 is the EAN-13 of GS1 prefix 978 or
 * 979). ISBN-13 as printed (`978-0-306-40615-7`, `ISBN 9780306406157`): the EAN-13 itself, its
 * GS1 check digit verified. A hyphenated form must have its 4 (ISBN-10) or 5 (ISBN-13) groups.
 * Undefined when the text is not an ISBN or its check character is wrong.
 */
export function isbnToGtin(text: string): string | undefined {
  const match = ISBN.exec(text);
  if (!match) return undefined;
  const isbn = match[1]!.replace(/-/g, '').toUpperCase();
  if (isbn.length === 13) return hasValidCheckDigit(isbn) ? `0${isbn}` : undefined;
  if (isbn.length !== 10 || mod11CheckChar(isbn.slice(0, 9)) !== isbn[9]) return undefined;
  return `0${withCheckDigit(`978${isbn.slice(0, 9)}`)}`;
}

/**
 * An ISSN (`0317-8471`, `ISSN 0317-8471`, `2049363X`) as the GTIN-14 of its EAN-13: prefix 977, the
 * seven data digits, price variant `00`, a GS1 check digit (ISO 3297; the GS1 prefix 977 is the
 * one allotted to ISSN). A bare 8-digit ISSN is not taken: it cannot be told from an EAN-8 or UPC-E.
 */
export function issnToGtin(text: string): string | undefined {
  const match = ISSN.exec(text);
  if (!match) return undefined;
  const issn = match[1]!.replace('-', '').toUpperCase();
  if (mod11CheckChar(issn.slice(0, 7)) !== issn[7]) return undefined;
  return `0${withCheckDigit(`977${issn.slice(0, 7)}00`)}`;
}
