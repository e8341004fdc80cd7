import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineTimeZone } from '../../src/runtime/machine-time-zone.js';

describe("the machine's time zone", () => {
  const dir = mkdtempSync(join(tmpdir(), 'quai-tz-'));
  const link = (target: string, name: string) => {
    const path = join(dir, name);
    symlinkSync(target, path);
    return path;
  };

  it('is TZ when it names a zone (a leading colon as glibc takes it), its case set right', () => {
    expect(machineTimeZone({ TZ: 'europe/paris' }, join(dir, 'none'))).toBe('Europe/Paris');
    expect(machineTimeZone({ TZ: ':America/New_York' }, join(dir, 'none'))).toBe('America/New_York');
  });

  it("else the zone /etc/localtime links to, UTC included", () => {
    expect(machineTimeZone({}, link('/usr/share/zoneinfo/Asia/Kolkata', 'kolkata'))).toBe('Asia/Kolkata');
    expect(machineTimeZone({ TZ: 'Mars/Olympus' }, link('/usr/share/zoneinfo/Etc/UTC', 'utc'))).toBe('Etc/UTC');
  });

  it("else the runtime's own, from a localtime that is a copied file or missing", () => {
    const copied = join(dir, 'copied');
    writeFileSync(copied, 'TZif');
    const runtime = new Intl.DateTimeFormat().resolvedOptions().timeZone;
    expect(machineTimeZone({}, copied)).toBe(runtime);
    expect(machineTimeZone({}, join(dir, 'missing'))).toBe(runtime);
  });
});
