import { describe, expect, it } from 'vitest';
import type { Logger } from '../../src/runtime/logger.js';
import { RateLimitedLog } from '../../src/runtime/rate-limited-log.js';

function recordingLogger(): { logger: Logger; lines: { fields: Record<string, unknown>; msg: string }[] } {
  const lines: { fields: Record<string, unknown>; msg: string }[] = [];
  const logger = { error: (fields: Record<string, unknown>, msg: string) => lines.push({ fields, msg }) } as unknown as Logger;
  return { logger, lines };
}

describe('a repeated fault logged once a minute', () => {
  it('says the first at once, then at most once per interval with how many it kept quiet', () => {
    let now = 0;
    const { logger, lines } = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000, () => now);
    log.error('STORE_FULL', { station: 'PICK-1' }, 'scan not recorded');
    for (let i = 0; i < 50; i++) {
      now += 1000;
      log.error('STORE_FULL', {}, 'hub data not recorded');
    }
    expect(lines).toEqual([{ fields: { station: 'PICK-1', code: 'STORE_FULL' }, msg: 'scan not recorded' }]);
    now = 60_000;
    log.error('STORE_FULL', {}, 'hub data not recorded');
    expect(lines[1]).toEqual({ fields: { code: 'STORE_FULL', repeated: 50 }, msg: 'hub data not recorded' });
  });

  it('keeps each kind of fault apart', () => {
    const { logger, lines } = recordingLogger();
    const log = new RateLimitedLog(logger, 60_000, () => 0);
    log.error('STORE_FULL', {}, 'a');
    log.error('STORE_READ_ONLY', {}, 'b');
    log.error('STORE_FULL', {}, 'c');
    expect(lines.map((l) => l.msg)).toEqual(['a', 'b']);
  });
});
