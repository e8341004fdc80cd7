import { describe, expect, it } from 'vitest';
import { ScannerFramer } from '../../../src/devices/scanner/scanner-framing.js';

describe('serial scanner framing', () => {
  it('splits on CR, also covering CR LF readers, and joins scans split across reads', () => {
    const framer = new ScannerFramer({ suffix: 'CR' });
    expect(framer.push('37610000')).toEqual([]);
    expect(framer.push('00019\r\n]E05901234123457\r')).toEqual([
      { kind: 'scan', scan: { data: '3761000000019', raw: '3761000000019' } },
      { kind: 'scan', scan: { data: '5901234123457', symbology: ']E0', raw: '\n]E05901234123457' } },
    ]);
  });

  it('keeps GS (0x1D) in GS1 data and turns a configured stand-in into GS', () => {
    expect(new ScannerFramer({ suffix: 'CRLF' }).push(']C10109521234543213\x1d10LOT\r\n')).toEqual([
      { kind: 'scan', scan: { data: '0109521234543213\x1d10LOT', symbology: ']C1', raw: ']C10109521234543213\x1d10LOT' } },
    ]);
    expect(new ScannerFramer({ suffix: 'LF', gsStandIn: '|' }).push(']C110ABC|0109521234543213\n')).toEqual([
      { kind: 'scan', scan: { data: '10ABC\x1d0109521234543213', symbology: ']C1', raw: ']C110ABC|0109521234543213' } },
    ]);
  });

  it('strips a configured prefix and a custom suffix', () => {
    expect(new ScannerFramer({ suffix: '\x03', prefix: '\x02' }).push('\x02ABC-1\x03')).toEqual([{ kind: 'scan', scan: { data: 'ABC-1', raw: '\x02ABC-1' } }]);
  });

  it('reports garbled frames instead of passing them on', () => {
    const framer = new ScannerFramer({ suffix: 'CR', prefix: '\x02' });
    expect(framer.push('ABC\r\x02A\x07B\r')).toEqual([
      { kind: 'garbled', raw: 'ABC', reason: 'missing prefix' },
      { kind: 'garbled', raw: '\x02A\x07B', reason: 'control characters' },
    ]);
    const overflow = new ScannerFramer({ suffix: 'CR' }).push('9'.repeat(5000));
    expect(overflow).toEqual([{ kind: 'garbled', raw: '9'.repeat(5000), reason: 'no suffix' }]);
  });
});
