import { splitSymbology } from '../../domain/barcode/symbology.js';
import { LineFramer } from '../line-framer.js';

export interface ScannerFraming {
  /** What ends a scan: CR, LF, CRLF or any custom string. */
  suffix: string;
  /** A fixed prefix some readers are set to send (e.g. STX). */
  prefix?: string;
  /** A printable stand-in for GS, for readers that cannot send 0x1D (e.g. "|"). */
  gsStandIn?: string;
}

export interface ScanFrame {
  data: string;
  symbology?: string;
  /** The frame as received, for the audit. */
  raw: string;
}

export type ScannerOutput = { kind: 'scan'; scan: ScanFrame } | { kind: 'garbled'; raw: string; reason: string };

const SUFFIXES: Record<string, string> = { CR: '\r', LF: '\n', CRLF: '\r\n' };

export function suffixBytes(suffix: string): string {
  return SUFFIXES[suffix.toUpperCase()] ?? suffix;
}

/** Frames a serial barcode reader's bytes: `[prefix][AIM id]data[suffix]`, GS kept. */
export class ScannerFramer {
  private readonly framer: LineFramer;
  private readonly suffix: string;

  constructor(private readonly framing: ScannerFraming) {
    this.suffix = suffixBytes(framing.suffix);
    // a CR suffix also covers CR LF readers: the LF is dropped from the next frame's start
    this.framer = new LineFramer(this.suffix, 4096);
  }

  push(chunk: Buffer | string): ScannerOutput[] {
    const { frames, overflow } = this.framer.push(chunk);
    const out: ScannerOutput[] = overflow.map((raw) => ({ kind: 'garbled', raw, reason: 'no suffix' }));
    for (const frame of frames) {
      let text = this.suffix === '\r' ? frame.replace(/^\n/, '') : frame;
      const { prefix, gsStandIn } = this.framing;
      if (prefix) {
        if (!text.startsWith(prefix)) {
          out.push({ kind: 'garbled', raw: frame, reason: 'missing prefix' });
          continue;
        }
        text = text.slice(prefix.length);
      }
      if (text.length === 0) continue; // an empty line between scans is not a scan
      if (/[\x00-\x1c\x1e\x1f\x7f]/.test(text)) {
        out.push({ kind: 'garbled', raw: frame, reason: 'control characters' });
        continue;
      }
      const { symbology, data } = splitSymbology(text);
      const withGs = gsStandIn ? data.split(gsStandIn).join('\x1d') : data;
      out.push({ kind: 'scan', scan: { data: withGs, ...(symbology && { symbology }), raw: frame } });
    }
    return out;
  }
}
