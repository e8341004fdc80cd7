import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';

/** `quai barcode parse` on restricted circulation numbers (docs/devices.md "Weighed goods"). */
describe('quai barcode parse: variable-measure codes', () => {
  const tempDir = useTempDirs();
  const parse = (...args: string[]) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [CLI, 'barcode', 'parse', ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }), err: '' };
    } catch (error) {
      const failed = error as { status: number; stdout: string; stderr: string };
      return { code: failed.status, out: failed.stdout, err: failed.stderr };
    }
  };

  it('reads the weight with --layout; without a layout says what it is, never "(01) GTIN"', () => {
    expect(parse('2406024003177', '--layout', '24:5:5:weight-g')).toMatchObject({ code: 0, out: 'variable measure (prefix 24): item 06024, weight 317 g, reference 02406024000008\n' });
    expect(parse('2406024003177')).toMatchObject({ code: 0, out: 'restricted circulation number (prefix 24), not a GTIN: no layout for it (--layout or --config)\n' });
    const json = JSON.parse(parse('2406024003177', '--layout', '24:5:5:weight-g', '--json').out);
    expect(json.result).toEqual({ ok: true, value: { kind: 'variable-measure', code: '2406024003177', prefix: '24', item: '06024', reference: '02406024000008', measure: { weightGrams: 317 } } });
  });

  it('checks the price check digit of a layout that has one; refuses a bad layout as a usage error', () => {
    expect(parse('2212345928750', '--layout', '22:5:4:price-cents:check', '--layout', '24:5:5:weight-g')).toMatchObject({ code: 0, out: 'variable measure (prefix 22): item 12345, price 2875 cents, reference 02212345000005\n' });
    expect(parse('2212345828753', '--layout', '22:5:4:price-cents:check')).toMatchObject({ code: 1, out: 'error BARCODE_BAD_MEASURE_CHECK: 2212345828753\n' });
    expect(parse('2406024003177', '--layout', '24:6:5:weight-g')).toMatchObject({ code: 2, err: expect.stringContaining('make 14 digits, not 13') });
  });

  it('takes the layouts of an agent configuration file, and names a wrong field', () => {
    const dir = tempDir();
    const good = join(dir, 'agent.json');
    writeFileSync(good, JSON.stringify({ dataDir: dir, barcodes: { variableMeasure: [{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g' }] } }));
    expect(parse('2406024003177', '--config', good)).toMatchObject({ code: 0, out: 'variable measure (prefix 24): item 06024, weight 317 g, reference 02406024000008\n' });
    // a --layout of the same prefix wins over the file's
    expect(parse('2406024003177', '--config', good, '--layout', '24:5:5:price-cents')).toMatchObject({ out: expect.stringContaining('price 317 cents') });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ barcodes: { variableMeasure: [{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-kg' }] } }));
    expect(parse('2406024003177', '--config', bad)).toMatchObject({ code: 1, err: expect.stringMatching(/barcodes\.variableMeasure\[0\]\.value: .*\[CONFIG_INVALID\]/) });
  });
});
