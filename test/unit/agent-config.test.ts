import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { readConfigFile } from '../../src/runtime/config-file.js';
import { agentConfigInput } from '../../src/commands/agent-config-input.js';
import { QuaiError } from '../../src/runtime/quai-error.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const hub = { url: 'ws://127.0.0.1:7310', tokenFile: '/etc/quai/hub-token' };

/** The QuaiError a call throws (fails the test when it throws none, or another kind). */
function refusal(call: () => unknown): QuaiError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(QuaiError);
    return error as QuaiError;
  }
  throw new Error('expected a refusal');
}

describe('agent configuration: unknown keys are errors naming their JSON path', () => {
  it('a misspelled top-level key ("listne", "hbu")', () => {
    const listne = refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, listne: { port: 7400 } }));
    expect(listne.code).toBe('CONFIG_INVALID');
    expect(listne.message).toBe('invalid agent configuration: listne: unknown key');
    const hbu = refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, hbu: hub }));
    expect(hbu).toMatchObject({ code: 'CONFIG_INVALID', message: 'invalid agent configuration: hbu: unknown key' });
  });

  it('an unknown key inside hub, listen, packing, counting, a station, a device, its serial line, a printer', () => {
    const at = (config: Record<string, unknown>) => refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, ...config })).message;
    expect(at({ hub: { ...hub, urll: 'ws://x' } })).toBe('invalid agent configuration: hub.urll: unknown key');
    expect(at({ listen: { port: 1, hots: '0.0.0.0' } })).toBe('invalid agent configuration: listen.hots: unknown key');
    expect(at({ packing: { tolerance: { absoluteGrams: 1, percent: 1, pct: 2 } } })).toBe('invalid agent configuration: packing.tolerance.pct: unknown key');
    expect(at({ counting: { recount: { quantity: 1, percent: 5 }, blnd: false } })).toBe('invalid agent configuration: counting.blnd: unknown key');
    expect(at({ stations: { 'PACK-1': { devices: [], printr: {} } } })).toBe('invalid agent configuration: stations.PACK-1.printr: unknown key');
    const scale = { kind: 'scale', id: 's', protocol: 'mt-sics', serial: { path: '/dev/ttyUSB0', baudrate: 9600 } };
    expect(at({ stations: { 'PACK-1': { devices: [{ kind: 'scanner', id: 'gun', serial: { path: '/dev/ttyACM0' } }, scale] } } })).toBe(
      'invalid agent configuration: stations.PACK-1.devices[1].serial.baudrate: unknown key',
    );
    expect(at({ stations: { 'PACK-1': { devices: [{ kind: 'scanner', id: 'gun', serial: { path: '/dev/ttyACM0' }, sufix: 'LF' }] } } })).toBe(
      'invalid agent configuration: stations.PACK-1.devices[0].sufix: unknown key',
    );
    expect(at({ stations: { 'PACK-1': { printer: { kind: 'tcp', host: '10.0.0.42', prot: 9100 } } } })).toBe('invalid agent configuration: stations.PACK-1.printer.prot: unknown key');
  });

  it('picking.weightOverPercent is 10 by default, 0 to 100, and picking takes no other key', () => {
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub }).picking).toEqual({ weightOverPercent: 10, carts: [{ prefix: 'CHR-', positions: 8 }], totePrefix: 'BAC-' });
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { weightOverPercent: 0 } }).picking).toMatchObject({ weightOverPercent: 0 });
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { weightOverPercent: -1 } })).message).toMatch(/^invalid agent configuration: picking\.weightOverPercent: /);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { weightOverPercent: 101 } })).code).toBe('CONFIG_INVALID');
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { overPercent: 5 } })).message).toMatch(/picking\.overPercent: unknown key/);
  });

  it('picking.carts: cart types by prefix with 1 to 24 positions; picking.totePrefix: the tote labels', () => {
    const picking = { carts: [{ prefix: 'CHR4-', positions: 4 }], totePrefix: 'TOTE' };
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub, picking }).picking).toEqual({ weightOverPercent: 10, ...picking });
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { carts: [{ prefix: 'CHR-', positions: 0 }] } })).message).toMatch(/picking\.carts\[0\]\.positions: /);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { carts: [{ prefix: '', positions: 4 }] } })).message).toMatch(/picking\.carts\[0\]\.prefix: /);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { carts: [{ prefix: 'CHR-', positions: 4, colour: 'red' }] } })).message).toMatch(/picking\.carts\[0\]\.colour: unknown key/);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, picking: { totePrefix: '' } })).code).toBe('CONFIG_INVALID');
  });

  it('receiving.otherBin is confirm (the default) or supervisor, nothing else', () => {
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub }).receiving).toEqual({ overTolerancePercent: 10, otherBin: 'confirm' });
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub, receiving: { otherBin: 'supervisor' } }).receiving).toEqual({ overTolerancePercent: 10, otherBin: 'supervisor' });
    const refused = refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, receiving: { otherBin: 'chef' } }));
    expect(refused.code).toBe('CONFIG_INVALID');
    expect(refused.message).toMatch(/^invalid agent configuration: receiving\.otherBin: .*confirm.*supervisor/);
  });

  it("a scale's profile: known names only; the profile's settings under the config's own", () => {
    const station = (scale: Record<string, unknown>) => ({ stations: { 'PACK-1': { devices: [{ kind: 'scale', id: 's', serial: { path: '/dev/serial/by-id/usb-FTDI-if00-port0' }, ...scale }] } } });
    const config = parseAgentConfig({ dataDir: '/tmp/a', hub, ...station({ profile: 'toledo-8217-grams', decimals: 1 }) });
    expect(config.stations['PACK-1']!.devices[0]).toMatchObject({ protocol: 'toledo-8217', decimals: 1, unit: 'g', serial: { path: '/dev/serial/by-id/usb-FTDI-if00-port0', dataBits: 7, parity: 'even' } });
    const unknown = refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, ...station({ profile: 'toledo' }) }));
    expect(unknown.code).toBe('CONFIG_INVALID');
    expect(unknown.message).toMatch(/^invalid agent configuration: stations\.PACK-1\.devices\[0\]\.profile: .*toledo-8217-grams/);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, ...station({ protocol: 'continuous', pattern: '^(?<value>\\d+)$' }) })).message).toMatch(
      /stations\.PACK-1\.devices\[0\]\.pattern: .*unit/,
    );
  });

  it('several faults are all named', () => {
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub: { ...hub, url: 'http://hub' }, listne: 1, hbu: 2 })).message).toBe(
      'invalid agent configuration: hub.url: must be a ws:// or wss:// URL; listne: unknown key; hbu: unknown key',
    );
  });

  it('a configuration that is not an object: [], 42, "x", null', () => {
    expect(refusal(() => parseAgentConfig([]))).toMatchObject({ code: 'CONFIG_INVALID', message: 'invalid agent configuration: (root): expected an object, not an array' });
    expect(refusal(() => parseAgentConfig(42)).message).toBe('invalid agent configuration: (root): expected an object, not a number');
    expect(refusal(() => parseAgentConfig('x')).message).toBe('invalid agent configuration: (root): expected an object, not a string');
    expect(refusal(() => parseAgentConfig(null)).message).toBe('invalid agent configuration: (root): expected an object, not null');
  });

  it('a configuration file that holds no JSON object is refused by name, before any flag is merged', () => {
    const dir = tempDir();
    for (const [text, what] of [['[]', 'an array'], ['42', 'a number'], ['"x"', 'a string'], ['null', 'null']] as const) {
      const file = join(dir, 'agent.json');
      writeFileSync(file, text);
      const error = refusal(() => readConfigFile(file));
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.message).toBe(`configuration file ${file} must hold a JSON object ({ ... }), not ${what}`);
    }
  });

  it('what the existing configurations use stays valid (tests, docs, the demo, the benches)', () => {
    const config = parseAgentConfig({
      agentId: 'AGENT-1',
      siteId: 'LYON',
      dataDir: '/var/lib/quai/agent',
      hub: { url: 'wss://hub-host:7310', tokenFile: '/etc/quai/hub-token', caFile: '/etc/quai/hub-ca.crt', heartbeatMs: 5000, reconcileHours: 24 },
      listen: { host: '127.0.0.1', port: 7311 },
      stations: {
        'PACK-1': {
          devices: [
            { kind: 'scanner', id: 'gun', serial: { path: '/dev/ttyACM0', baudRate: 9600 }, suffix: 'CR' },
            { kind: 'scale', id: 'scale', protocol: 'mt-sics', serial: { path: '/dev/ttyUSB0', baudRate: 9600, dataBits: 8, parity: 'none' }, pollMs: 100, filter: { readings: 3, toleranceMg: 2, windowMs: 300, zeroBandMg: 2 } },
          ],
          printer: { kind: 'tcp', host: '10.0.0.42', port: 9100 },
        },
        'PACK-2': { devices: [], printer: { kind: 'serial', serial: { path: '/dev/ttyUSB1', baudRate: 9600 } } },
      },
      packing: { tolerance: { absoluteGrams: 25, percent: 3 }, fillerGrams: 0, families: { cosmetique: { absoluteGrams: 40, percent: 5 } }, carriers: ['colissimo'], companyPrefix: '3761000' },
      receiving: { overTolerancePercent: 10, otherBin: 'confirm' },
      counting: { blind: true, recount: { quantity: 1, percent: 5 }, recountByAnother: true },
    });
    expect(config.stations['PACK-1']!.devices).toHaveLength(2);
    // a parsed configuration parses again: the demo writes its devices as parsed
    expect(parseAgentConfig(config).stations).toEqual(config.stations);
  });
});

describe('quai agent: the configuration file merged with the flags', () => {
  const defaults = { dataDir: '/data/agent', hubTokenFile: (agentId: string) => `/data/hub/agent-tokens/${agentId}` };

  it('flags override the file, inside hub and listen too', () => {
    const input = agentConfigInput({ agentId: 'LYON-1', hub: { heartbeatMs: 2000, url: 'ws://file:1' }, listen: { port: 7400 } }, { hubUrl: 'ws://flag:2', port: 0 }, defaults);
    expect(parseAgentConfig(input)).toMatchObject({ agentId: 'LYON-1', dataDir: '/data/agent', hub: { url: 'ws://flag:2', heartbeatMs: 2000, tokenFile: '/data/hub/agent-tokens/LYON-1' }, listen: { host: '127.0.0.1', port: 0 } });
  });

  it('a hub or listen that is not an object is reported as such, not spread into keys', () => {
    expect(refusal(() => parseAgentConfig(agentConfigInput({ hub: 'ws://hub:7310' }, {}, defaults))).message).toBe('invalid agent configuration: hub: expected an object, not a string');
    expect(refusal(() => parseAgentConfig(agentConfigInput({ listen: [7311] }, {}, defaults))).message).toBe('invalid agent configuration: listen: expected an object, not an array');
    expect(refusal(() => parseAgentConfig(agentConfigInput({ hub: { ...hub, urll: 'x' } }, {}, defaults))).message).toBe('invalid agent configuration: hub.urll: unknown key');
  });
});

describe('agent configuration: wedge scanners typing into the terminals', () => {
  it('takes the terminals\' keyboard layout and a GS stand-in, none by default', () => {
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub }).wedge).toEqual({});
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub, wedge: { keyboard: 'fr', gsStandIn: '|' } }).wedge).toEqual({ keyboard: 'fr', gsStandIn: '|' });
  });

  it('refuses a layout it does not know, and a misspelled key', () => {
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, wedge: { keyboard: 'azerty' } })).message).toMatch(/wedge\.keyboard/);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, wedge: { gsStandin: '|' } })).message).toMatch(/wedge\.gsStandin: unknown key/);
  });
});

describe('agent configuration: metrics and retention', () => {
  it('no metrics endpoint and settled outbox rows kept 30 days, audit 365, by default', () => {
    expect(parseAgentConfig({ dataDir: '/tmp/a', hub })).toMatchObject({ metrics: {}, retention: { outboxDays: 30, auditDays: 365 } });
  });

  it('metrics.port from 1 to 65535, from the file or --metrics-port (the flag wins); whole days of retention; the hub\'s key refused', () => {
    const defaults = { dataDir: '/data/agent', hubTokenFile: () => '/t' };
    expect(parseAgentConfig(agentConfigInput({ metrics: { port: 9311 } }, { metricsPort: 9400 }, defaults)).metrics).toEqual({ port: 9400 });
    expect(parseAgentConfig(agentConfigInput({ metrics: { port: 9311 } }, {}, defaults)).metrics).toEqual({ port: 9311 });
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, metrics: { port: 0 } })).message).toMatch(/metrics\.port: /);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, metrics: { port: 9311, host: '0.0.0.0' } })).message).toMatch(/metrics\.host: unknown key/);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, retention: { outboxDays: 1.5 } })).message).toMatch(/retention\.outboxDays: /);
    expect(refusal(() => parseAgentConfig({ dataDir: '/tmp/a', hub, retention: { hubEventsDays: 30 } })).message).toMatch(/retention\.hubEventsDays: unknown key/);
  });
});

describe('configuration files are JSON with comments', () => {
  it('comments and trailing commas load; a syntax fault is named by its JSON path, line and column', () => {
    const dir = tempDir();
    const good = join(dir, 'agent.jsonc');
    writeFileSync(good, '// site\n{\n  /* the hub */\n  "hub": { "url": "ws://h:7310", },\n}\n');
    expect(readConfigFile(good)).toEqual({ hub: { url: 'ws://h:7310' } });
    const bad = join(dir, 'bad.jsonc');
    writeFileSync(bad, '{\n  "listen": { "port": 7311 "host": "x" }\n}\n');
    const error = refusal(() => readConfigFile(bad));
    expect(error.message).toBe(`configuration file ${bad} is not valid JSON: listen.host: a comma expected before this (line 2, column 28)`);
  });
});
