/**
 * GS1 mod-10 check digit (General Specifications 7.9). Weights 3,1,3,… are anchored at the
 * right-most data digit, so one function serves GTIN-8/12/13/14, SSCC and GLN alike.
 */
export function gs1CheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  for (let i = 0; i < digitsWithoutCheck.length; i++) {
    const digit = digitsWithoutCheck.charCodeAt(digitsWithoutCheck.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}

/** Appends the check digit to a data string, e.g. for generating demo EAN-13s or SSCCs. */
export function withCheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gs1CheckDigit(digitsWithoutCheck));
}
