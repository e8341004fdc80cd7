import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { QuaiError } from '../../src/runtime/quai-error.js';

const hub = { url: 'ws://127.0.0.1:7310', tokenFile: '/etc/quai/hub-token' };
const withBarcodes = (barcodes: unknown) => () => parseAgentConfig({ dataDir: '/tmp/a', hub, barcodes });
const messageOf = (call: () => unknown): string => {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(QuaiError);
    expect((error as QuaiError).code).toBe('CONFIG_INVALID');
    return (error as QuaiError).message;
  }
  throw new Error('expected a refusal');
};

describe('agent configuration: barcodes.variableMeasure', () => {
  it('defaults to no layout; takes a layout, priceCheck false unless said', () => {
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub }).barcodes).toEqual({ variableMeasure: [] });
    expect(withBarcodes({ variableMeasure: [{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g' }] })().barcodes.variableMeasure).toEqual([{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', priceCheck: false }]);
  });

  it.each([
    [{ variableMeasure: [{ prefix: '24', itemDigits: 6, valueDigits: 5, value: 'weight-g' }] }, 'barcodes.variableMeasure[0]: prefix (2) + itemDigits + priceCheck (0/1) + valueDigits + check digit (1) make 14 digits, not 13'],
    [{ variableMeasure: [{ prefix: '24', itemDigits: 6, valueDigits: 3, value: 'price-cents', priceCheck: true }] }, 'barcodes.variableMeasure[0]: a price check digit needs a 4- or 5-digit value'],
    [{ variableMeasure: [{ prefix: '30', itemDigits: 5, valueDigits: 5, value: 'weight-g' }] }, 'barcodes.variableMeasure[0].prefix: '],
    [{ variableMeasure: [{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', unit: 'kg' }] }, 'barcodes.variableMeasure[0].unit: unknown key'],
    [{ variableMeasure: [{ prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g' }, { prefix: '24', itemDigits: 4, valueDigits: 6, value: 'weight-g' }] }, 'barcodes.variableMeasure[1].prefix: prefix 24 has a layout already'],
  ])('refuses %j naming the field', (barcodes, message) => {
    expect(messageOf(withBarcodes(barcodes))).toContain(message);
  });
});
