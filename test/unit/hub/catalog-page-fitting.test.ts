import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../../../src/protocol/common.js';
import { fitting } from '../../../src/hub/streams.js';

describe('catalog pages', () => {
  it('go whole when their JSON is small, and halved, in order, until each fits half a frame when not', () => {
    const usual = Array.from({ length: 5000 }, (_, i) => ({ code: `P${i}`, name: 'Écouteurs filaires blanc' }));
    expect([...fitting(usual)]).toEqual([usual]);
    // names of control characters: 6 bytes of JSON each, 200 to a name
    const long = Array.from({ length: 5000 }, (_, i) => ({ code: `P${i}`, name: '\u0001'.repeat(200) }));
    const pages = [...fitting(long)];
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThanOrEqual(MAX_FRAME_BYTES / 2);
    expect(pages.flat()).toEqual(long);
  });
});
