import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineFramer } from '../../../src/devices/line-framer.js';
import { parseContinuousLine } from '../../../src/devices/scale/continuous.js';
import { parseMtSicsLine } from '../../../src/devices/scale/mt-sics.js';
import { parseToledoFrame, toledoCommandAnswer } from '../../../src/devices/scale/toledo-8217.js';
import { ScannerFramer } from '../../../src/devices/scanner/scanner-framing.js';

const FRAME_TYPES = ['weight', 'overload', 'underload', 'motion', 'done', 'refused', 'identity', 'status', 'garbled'];
const bytes = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));
const latin1 = bytes.map((b) => b.toString('latin1'));

describe('device frame parsers never throw: random bytes get a typed result', () => {
  it('MT-SICS, Toledo 8217 and continuous parsers', () => {
    fc.assert(
      fc.property(latin1, fc.constantFrom('W', 'Z', 'T', 'C'), (text, command) => {
        for (const frame of [parseMtSicsLine(text), parseToledoFrame(text), parseContinuousLine(text)]) expect(FRAME_TYPES).toContain(frame.type);
        expect([undefined, 'done', 'refused']).toContain(toledoCommandAnswer(text, command)?.outcome);
      }),
      { numRuns: 5000 },
    );
  });

  it('line and scanner framers, chunked anyhow', () => {
    fc.assert(
      fc.property(fc.array(bytes, { maxLength: 20 }), fc.constantFrom('CR', 'LF', 'CRLF', '\x03'), (chunks, suffix) => {
        const lines = new LineFramer('\r\n', 64);
        const scanner = new ScannerFramer({ suffix });
        for (const chunk of chunks) {
          lines.push(chunk);
          for (const out of scanner.push(chunk)) expect(['scan', 'garbled']).toContain(out.kind);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
