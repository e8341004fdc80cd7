import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/quai-process.js';
import { PtyPair } from '../helpers/pty-pair.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const children: ChildProcess[] = [];
const pairs: PtyPair[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const pty of pairs.splice(0)) await pty.unplug();
});

function quai(args: string[]): { child: ChildProcess; out: string[]; err: () => string } {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  const out: string[] = [];
  let err = '';
  let partial = '';
  child.stdout!.on('data', (chunk) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop()!;
    out.push(...lines);
  });
  child.stderr!.on('data', (chunk) => (err += chunk));
  return { child, out, err: () => err };
}

describe('quai sim and quai devices watch, as people on site use them', () => {
  it('watch prints the stable weight of a placed load once (MT-SICS)', async () => {
    const pty = new PtyPair(tempDir());
    pairs.push(pty);
    await pty.plug();
    const sim = quai(['sim', 'scale', '--protocol', 'mt-sics', '--port', pty.a]);
    const watch = quai(['devices', 'watch', '--kind', 'scale', '--protocol', 'mt-sics', '--port', pty.b, '--json']);
    await waitFor(() => /online/.test(watch.err()) && /online/.test(sim.err()), 'both online', 5000);
    sim.child.stdin!.write('place 1.234 kg\n');
    await waitFor(() => watch.out.some((l) => l.includes('"stable"')), 'stable line', 5000);
    sim.child.stdin!.write('place 0.5 kg\n');
    await waitFor(() => watch.out.some((l) => l.includes('"0.500"')), 'second load', 5000);
    const stable = watch.out.map((l) => JSON.parse(l)).filter((r) => r.kind === 'stable');
    expect(stable).toEqual([
      { kind: 'stable', weight: '1.234', unit: 'kg' },
      { kind: 'stable', weight: '0.500', unit: 'kg' },
    ]);
    expect(sim.out).toEqual(['placed 1.234 kg', 'placed 0.5 kg']);
    sim.child.stdin!.write('quit\n');
    await waitFor(() => sim.child.exitCode === 0, 'simulator quits');
  });

  it('watch prints scans from a simulated scanner, and the simulator explains a bad command', async () => {
    const pty = new PtyPair(tempDir());
    pairs.push(pty);
    await pty.plug();
    const sim = quai(['sim', 'scanner', '--port', pty.a]);
    const watch = quai(['devices', 'watch', '--kind', 'scanner', '--port', pty.b]);
    await waitFor(() => /online/.test(watch.err()) && /online/.test(sim.err()), 'both online', 5000);
    sim.child.stdin!.write('juggle\nscan ]E03761000000019\n');
    await waitFor(() => watch.out.length === 1, 'one scan');
    expect(watch.out).toEqual(['scan ]E0 "3761000000019"']);
    expect(sim.out[0]).toMatch(/^error: unknown command "juggle"/);
  });

  it('watch on a port that does not exist says so and keeps trying; a scale without a protocol is a usage error', async () => {
    const watch = quai(['devices', 'watch', '--kind', 'scanner', '--port', join(tempDir(), 'nothing')]);
    await waitFor(() => /offline \(.*(No such file|cannot open)/i.test(watch.err()), 'offline with the reason', 5000);
    expect(watch.child.exitCode).toBeNull();
    expect(() => execFileSync(process.execPath, [CLI, 'devices', 'watch', '--kind', 'scale', '--port', '/dev/null'], { stdio: 'pipe' })).toThrow(expect.objectContaining({ status: 2 }));
  });
});

describe('quai barcode parse', () => {
  const parse = (...args: string[]) => {
    try {
      return { code: 0, out: execFileSync(process.execPath, [CLI, 'barcode', 'parse', ...args], { encoding: 'utf8' }) };
    } catch (error) {
      return { code: (error as { status: number }).status, out: (error as { stdout: string }).stdout };
    }
  };

  it('prints every element of a GS1 code, and a typed error with exit 1 for a bad one', () => {
    expect(parse(']C10109521234543213<GS>3103000750')).toEqual({ code: 0, out: '(01) GTIN: 09521234543213\n(3103) NET WEIGHT (kg): 000750  = 0.750 kg\n' });
    expect(parse('0109521234543214')).toEqual({ code: 1, out: 'error GS1_BAD_CHECK_DIGIT: 01\n' });
    const json = JSON.parse(parse('https://id.gs1.org/01/09521234543213/10/A1?17=271200', '--json').out);
    expect(json.result).toMatchObject({ ok: true, value: { gtin: '09521234543213', lot: 'A1', expiry: '2027-12-31' } });
    expect(parse('(10)ABC', '--strict')).toEqual({ code: 1, out: 'error GS1_MISSING_PAIR: 10 needs 01|02|8006|8026\n' });
  });

  it('reads a code as the agent does: trimmed, UPC-E, both readings of an 8-digit code, ISBN, plain data after a non-GS1 AIM identifier', () => {
    expect(parse('  5901234123457 ')).toEqual({ code: 0, out: '(01) GTIN 05901234123457\n' });
    expect(parse('07838604')).toEqual({ code: 0, out: '(01) GTIN 00078000003864  (UPC-E)\n' });
    expect(parse('00079198')).toEqual({ code: 0, out: '00079198 reads two ways:\n  EAN-8: (01) GTIN 00000000079198\n  UPC-E: (01) GTIN 00000791000098\n' });
    expect(parse('ISBN 0-306-40615-2')).toEqual({ code: 0, out: '(01) GTIN 09780306406157  (ISBN)\n' });
    expect(parse(']C00109521234543213')).toEqual({ code: 0, out: 'plain data: 0109521234543213  (]C0, not GS1)\n' });
    expect(parse(']d1010952123454321310ABC<GS>21X')).toEqual({ code: 0, out: 'plain data: 010952123454321310ABC\\u001d21X  (]d1, not GS1)\n' });
    expect(parse('Carton M')).toEqual({ code: 0, out: 'internal code: Carton M\n' });
    expect(JSON.parse(parse(']C0ABC', '--json').out)).toEqual({ input: ']C0ABC', symbology: ']C0', result: { ok: true, value: { kind: 'code', code: 'ABC' } } });
    expect(JSON.parse(parse('00079198', '--json').out).result.value).toEqual({ kind: 'gtin-choice', data: '00079198', readings: [{ reading: 'ean-8', gtin: '00000000079198' }, { reading: 'upc-e', gtin: '00000791000098' }] });
  });

  it('refuses empty elements between separators as the GS1 Syntax Engine does', () => {
    expect(parse(']C110ABC<GS><GS>21X')).toEqual({ code: 1, out: 'error GS1_MALFORMED: empty element at 6\n' });
    expect(parse('(10)(21)X')).toEqual({ code: 1, out: 'error GS1_VALUE_TOO_SHORT: 10\n' });
    expect(parse(']C10109521234543213<GS>')).toEqual({ code: 0, out: '(01) GTIN: 09521234543213\n' });
  });

  it('reads GS1 data opening with one GS (FNC1 from a reader without AIM identifiers), but not after ]C1', () => {
    expect(parse('<GS>0109521234543213<GS>10ABC')).toEqual({ code: 0, out: '(01) GTIN: 09521234543213\n(10) BATCH/LOT: ABC\n' });
    expect(parse(']C1<GS>0109521234543213')).toEqual({ code: 1, out: 'error GS1_MALFORMED: empty element at 0\n' });
    expect(parse('<GS><GS>0109521234543213')).toEqual({ code: 1, out: 'error GS1_MALFORMED: empty element at 1\n' });
  });

  it('--json keeps the fields of GS1 data next to kind: sscc, gtin, contentGtin, lot, expiry, serial, count', () => {
    const value = (data: string) => JSON.parse(parse(data, '--json').out).result.value;
    expect(value('(00)106141411234567897(02)09521234543213(37)24')).toMatchObject({
      kind: 'gtin', sscc: '106141411234567897', contentGtin: '09521234543213', gtin: '09521234543213', count: 24,
    });
    expect(value('(01)09521234543213(17)271231(10)L1(21)S9')).toMatchObject({ kind: 'gtin', gtin: '09521234543213', expiry: '2027-12-31', lot: 'L1', serial: 'S9' });
    expect(value('(00)106141411234567897(37)10')).toMatchObject({ kind: 'sscc', sscc: '106141411234567897', count: 10 });
    expect(value('(10)ABC')).toMatchObject({ kind: 'gs1', lot: 'ABC' });
  });
});
