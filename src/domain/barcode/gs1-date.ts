import { err, ok, type Result } from '../result.js';
import type { BarcodeError } from './barcode-error.js';

/**
 * Century rule of GS1 General Specifications 7.12: a YY within 49 years back to 50 years ahead
 * of the current year. The current year comes from the injected clock.
 */
export function gs1Year(yy: number, currentYear: number): number {
  const currentCentury = Math.floor(currentYear / 100) * 100;
  const d = yy - (currentYear % 100);
  if (d >= 51) return currentCentury - 100 + yy;
  if (d <= -50) return currentCentury + 100 + yy;
  return currentCentury + yy;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Reads YYMMDD as an ISO date. DD=00 means "day not given" and reads as the month's last day,
 * which is what GS1 prescribes for best-before and expiry AIs.
 */
export function parseGs1Date(value: string, now: Date): Result<string, BarcodeError> {
  if (!/^\d{6}$/.test(value)) return err({ code: 'GS1_BAD_DATE', detail: value });
  const year = gs1Year(Number(value.slice(0, 2)), now.getUTCFullYear());
  const month = Number(value.slice(2, 4));
  const rawDay = Number(value.slice(4, 6));
  if (month < 1 || month > 12) return err({ code: 'GS1_BAD_DATE', detail: value });
  const lastDay = daysInMonth(year, month);
  if (rawDay > lastDay) return err({ code: 'GS1_BAD_DATE', detail: value });
  const day = rawDay === 0 ? lastDay : rawDay;
  const pad = (n: number) => String(n).padStart(2, '0');
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}
