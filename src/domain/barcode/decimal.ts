/**
 * Exact decimals as strings: GS1 and scales give digits and a number of decimal places, and a
 * weight of "0.750" must never become 0.7499999. Arithmetic, when needed, goes through bigint.
 */
export function placeDecimal(digits: string, places: number): string {
  const negative = digits.startsWith('-');
  const bare = (negative ? digits.slice(1) : digits).replace(/^0+(?=\d)/, '');
  if (places === 0) return (negative ? '-' : '') + bare;
  const padded = bare.padStart(places + 1, '0');
  return `${negative ? '-' : ''}${padded.slice(0, -places)}.${padded.slice(-places)}`;
}
