import { afterEach, describe, expect, it } from 'vitest';
import { parseAgentConfig } from '../../../src/agent/agent-config.js';

const base = { dataDir: '/tmp/quai-site-tz', hub: { url: 'ws://127.0.0.1:7310', tokenFile: 'token' } };
const machineZone = process.env.TZ;
afterEach(() => void (machineZone === undefined ? delete process.env.TZ : (process.env.TZ = machineZone)));

describe('site.timeZone in the agent configuration', () => {
  it("defaults to the machine's zone", () => {
    process.env.TZ = 'Asia/Tokyo';
    expect(parseAgentConfig(base).site).toEqual({ timeZone: 'Asia/Tokyo' });
  });

  it('takes an IANA name, its case set right', () => {
    expect(parseAgentConfig({ ...base, site: { timeZone: 'Europe/Paris' } }).site.timeZone).toBe('Europe/Paris');
    expect(parseAgentConfig({ ...base, site: { timeZone: 'europe/paris' } }).site.timeZone).toBe('Europe/Paris');
  });

  it('refuses what is not a time zone, an offset, a wrong type or an unknown key, naming the JSON path', () => {
    expect(() => parseAgentConfig({ ...base, site: { timeZone: 'Europe/Pariss' } })).toThrow(/site\.timeZone: not an IANA time zone: write it as Area\/City \(Europe\/Paris/);
    expect(() => parseAgentConfig({ ...base, site: { timeZone: '+01:00' } })).toThrow(/site\.timeZone: not an IANA time zone/);
    expect(() => parseAgentConfig({ ...base, site: { timeZone: 1 } })).toThrow(/site\.timeZone/);
    expect(() => parseAgentConfig({ ...base, site: { zone: 'Europe/Paris' } })).toThrow(/site\.zone: unknown key/);
  });
});
