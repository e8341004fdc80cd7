import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentPaths } from '../../src/runtime/agent-paths.js';
import { readSecretFile } from '../../src/runtime/secret-file.js';
import { freePort } from '../helpers/free-port.js';
import { agentStatusAt, useQuaiProcesses } from '../helpers/quai-process.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { pickWholeOrder, TerminalClient } from '../helpers/terminal-client.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const { start } = useQuaiProcesses();

/** GET http://127.0.0.1:<port>/metrics as Prometheus does: the text and its content type. */
async function scrape(port: number): Promise<{ text: string; type: string | null }> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(response.status).toBe(200);
  return { text: await response.text(), type: response.headers.get('content-type') };
}

/** The value of the sample `series` (name and labels exactly as exposed), or undefined when it is not there. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const SCANS = 'quai_agent_intent_answer_seconds_count{intent="input",source="terminal"}';

describe('metrics: agent and hub serve Prometheus text on their loopback --metrics-port', () => {
  it('a scan made during a pick is counted by the agent; the hub counts the events it applied', async () => {
    const dir = tempDir();
    const [hubMetrics, agentMetrics] = [await freePort(), await freePort()];
    const hub = await start(['hub', '--data-dir', dir, '--enrol', 'AGENT-1', '--port', '0', '--metrics-port', String(hubMetrics), '--log-file', join(dir, 'hub.log')]);
    const agent = await start(['agent', '--data-dir', dir, '--hub-url', `ws://127.0.0.1:${hub.port}`, '--port', '0', '--metrics-port', String(agentMetrics), '--log-file', join(dir, 'agent.log')]);
    await waitFor(async () => (await agentStatusAt(dir, agent.port)).catalog.openOrders === 25, 'catalog synced', 20_000);

    const before = await scrape(agentMetrics);
    expect(before.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(before.text, 'quai_agent_hub_link{state="online"}')).toBe(1);
    expect(sample(before.text, 'quai_agent_hub_link{state="offline"}')).toBe(0);
    expect(sample(before.text, 'quai_agent_outbox_events{state="pending"}')).toBe(0);
    // the process's own figures, on the agent's registry
    expect(sample(before.text, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    const terminal = await TerminalClient.open(agent.port, readSecretFile(agentPaths(join(dir, 'agent')).apiTokenFile), 'PICK-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'pick' });
    await terminal.input('CMD-1001');
    const lines = terminal.view.screen === 'pick' ? terminal.view.progress.total : 0;
    expect(lines).toBeGreaterThan(0);

    const inPick = await scrape(agentMetrics);
    const scansBefore = sample(inPick.text, SCANS)!;
    // sign-in and order number were inputs too
    expect(scansBefore).toBeGreaterThanOrEqual(2);
    expect(sample(inPick.text, 'quai_agent_station_terminals{station="PICK-1"}')).toBe(1);
    expect(sample(inPick.text, 'quai_agent_station_session{station="PICK-1",screen="pick",signed_in="true"}')).toBe(1);

    let scraped = false;
    await pickWholeOrder(terminal, async (send) => {
      const view = await send();
      if (!scraped) {
        // one scan answered mid-pick: counted by the time its view reached the terminal
        scraped = true;
        const after = (await scrape(agentMetrics)).text;
        expect(sample(after, SCANS)).toBe(scansBefore + 1);
        expect(sample(after, 'quai_agent_intent_answer_seconds_bucket{le="+Inf",intent="input",source="terminal"}')).toBe(scansBefore + 1);
        expect(sample(after, 'quai_agent_intent_answer_seconds_sum{intent="input",source="terminal"}')).toBeGreaterThan(0);
      }
      return view;
    });
    expect(terminal.view.screen).toBe('pick-done');
    terminal.close();

    // the hub applies each line's event to the embedded ERP
    await waitFor(async () => sample((await scrape(hubMetrics)).text, 'quai_hub_events_applied_total{agent="AGENT-1",outcome="accepted"}') === lines, 'the hub applied the pick', 15_000);
    const hubText = (await scrape(hubMetrics)).text;
    expect(sample(hubText, 'quai_hub_events_received_total{agent="AGENT-1"}')).toBe(lines);
    expect(sample(hubText, 'quai_hub_events_waiting{agent="AGENT-1"}')).toBe(0);
    expect(sample(hubText, 'quai_hub_agents_connected')).toBe(1);
    // the embedded ERP makes no Tryton call: no Tryton series at 0 to mislead an alert
    expect(hubText).not.toContain('quai_hub_tryton_');
    await waitFor(async () => sample((await scrape(agentMetrics)).text, 'quai_agent_outbox_events{state="sent"}') === 0, "the agent told of the ERP's outcomes", 15_000);

    // nothing but /metrics
    expect((await fetch(`http://127.0.0.1:${agentMetrics}/`)).status).toBe(404);
  });
});
