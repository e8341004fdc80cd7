import { parse, type ParseError } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../src/agent/agent-config.js';
import { agentConfigInput } from '../../src/commands/agent-config-input.js';
import { starterConfig } from '../../src/commands/starter-configs.js';
import { parseHubConfig } from '../../src/hub/hub-config.js';

/** The file's JSON with its commented-out settings (lines `// "key": …`, `//   { …`) taken in, the hub on Tryton. */
const uncommented = (text: string) => text.replace(/^(\s*)\/\/ (?=\s*["{}\]])/gm, '$1').replace('"erp": "embedded"', '"erp": "tryton"');

const load = (text: string) => {
  const errors: ParseError[] = [];
  const document: unknown = parse(text, errors, { allowTrailingComma: true });
  expect(errors).toEqual([]);
  return document as Record<string, unknown>;
};

describe('quai init: the starter configurations', () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`${lang}: valid as written, and with every commented-out example taken in`, () => {
      expect(() => parseAgentConfig(agentConfigInput(load(starterConfig('agent', lang)), {}, { dataDir: '/tmp/a', hubTokenFile: () => '/tmp/t' }))).not.toThrow();
      expect(() => parseHubConfig({ dataDir: '/tmp/h', ...load(starterConfig('hub', lang)) })).not.toThrow();
      const agent = parseAgentConfig(load(uncommented(starterConfig('agent', lang))));
      expect(agent.stations['PACK-1']?.devices.map((d) => d.kind)).toEqual(['scanner', 'scale']);
      expect(agent.metrics).toEqual({ port: 9311 });
      const hub = parseHubConfig(load(uncommented(starterConfig('hub', lang))));
      expect(hub).toMatchObject({ db: 'postgres://quai:secret@db.lan/quai_hub', tls: { certFile: '/etc/quai/hub.crt' }, tryton: { url: 'http://erp.lan:8000', pollMs: 5000 }, seed: false, metrics: { port: 9310 } });
    });
  }

  it('the same keys and values in both languages', () => {
    const values = (text: string) => JSON.stringify(load(uncommented(text)));
    expect(values(starterConfig('agent', 'fr'))).toBe(values(starterConfig('agent', 'en')));
    expect(values(starterConfig('hub', 'fr'))).toBe(values(starterConfig('hub', 'en')));
  });
});
