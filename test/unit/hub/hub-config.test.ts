import { readFileSync } from 'node:fs';
import { parse } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { hubConfigInput } from '../../../src/commands/hub-config-input.js';
import { parseHubConfig } from '../../../src/hub/hub-config.js';
import { ConfigInvalid } from '../../../src/runtime/config-issues.js';

const faults = (input: unknown): readonly string[] => {
  try {
    parseHubConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigInvalid);
    return (error as ConfigInvalid).faults;
  }
  throw new Error('expected a refusal');
};

describe("the hub's configuration", () => {
  it('defaults: embedded ERP with the demo, 127.0.0.1:7310, no metrics, events kept 90 days', () => {
    expect(parseHubConfig({ dataDir: '/tmp/h' })).toEqual({
      dataDir: '/tmp/h',
      host: '127.0.0.1',
      port: 7310,
      enrol: [],
      seed: { products: 240, orders: 24, seed: 2026 },
      metrics: {},
      retention: { hubEventsDays: 90 },
    });
  });

  it('unknown keys at every level, a Tryton hub without its connection, a connection without Tryton, retention out of range', () => {
    expect(faults({ dataDir: '/tmp/h', lisen: {}, listen: { prot: 1 }, tls: { certFile: 'c', keyFile: 'k', ca: 'x' }, demo: { sead: false } })).toEqual([
      'listen.prot: unknown key',
      'tls.ca: unknown key',
      'demo.sead: unknown key',
      'lisen: unknown key',
    ]);
    expect(faults({ dataDir: '/tmp/h', erp: 'tryton' })).toEqual(['tryton: required when erp is "tryton" (url, database, user, passwordFile: --tryton-url, --tryton-db, --tryton-user, --tryton-password-file)']);
    expect(faults({ dataDir: '/tmp/h', tryton: { url: 'http://erp:8000', database: 'd', user: 'u', passwordFile: '/p' } })).toEqual(['tryton: set, but erp is "embedded": add "erp": "tryton" (--erp tryton), or remove it']);
    expect(faults({ dataDir: '/tmp/h', retention: { hubEventsDays: 0 }, metrics: { port: 65536 } })).toHaveLength(2);
  });

  it('flags over the file: a flag given wins, one not given keeps the file; --no-seed; --enrol adds', () => {
    const file = { listen: { host: '0.0.0.0', port: 7400 }, enrol: ['A'], demo: { products: 10 }, tryton: { url: 'http://erp:8000', database: 'd', user: 'u', passwordFile: '/p', pollSeconds: 9 }, erp: 'tryton' };
    const config = parseHubConfig(hubConfigInput(file, { port: 0, enrol: ['A', 'B'], seed: false, metricsPort: 9310 }, '/tmp/h'));
    expect(config).toMatchObject({ dataDir: '/tmp/h', host: '0.0.0.0', port: 0, enrol: ['A', 'B'], seed: false, metrics: { port: 9310 } });
    expect(config.tryton).toEqual({ url: 'http://erp:8000', database: 'd', user: 'u', passwordFile: '/p', pollMs: 9000 });
    expect(faults(hubConfigInput({ listen: [7310] }, { port: 1 }, '/tmp/h'))).toEqual(['listen: expected an object, not an array']);
  });

  it('the example in docs/operations.md is a valid hub configuration', () => {
    const doc = readFileSync('docs/operations.md', 'utf8');
    const example = /## Run a hub[\s\S]*?```jsonc\n([\s\S]*?)```/.exec(doc)![1]!;
    expect(() => parseHubConfig(parse(example))).not.toThrow();
  });
});
