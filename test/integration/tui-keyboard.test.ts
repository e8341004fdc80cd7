import { describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { KeyboardLayout } from '../../src/domain/keyboard/keyboard-layouts.js';
import { LOCAL_SUBPROTOCOL, type ClientMessage } from '../../src/protocol/local-api.js';
import { AgentLink } from '../../src/tui/agent-link.js';
import { keyboardFromEnv } from '../../src/tui/keyboard-setting.js';
import { useCleanups } from '../helpers/cleanups.js';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { waitFor } from '../helpers/wait-for.js';

const cleanups = useCleanups();
const site = useSites(useTempDirs());

/** A stand-in agent on a real websocket: welcomes with the site's layout and records what terminals send. */
async function fakeAgent(siteKeyboard: KeyboardLayout | null) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => LOCAL_SUBPROTOCOL });
  await new Promise((resolve) => server.once('listening', resolve));
  const received: ClientMessage[] = [];
  server.on('connection', (ws) => {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as ClientMessage;
      received.push(message);
      if (message.type === 'hello') ws.send(JSON.stringify({ type: 'welcome', agentId: 'AGENT-1', station: 'PICK-1', keyboard: siteKeyboard }));
    });
  });
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `ws://127.0.0.1:${(server.address() as { port: number }).port}`, received };
}

async function linkTo(siteKeyboard: KeyboardLayout | null, keyboard: KeyboardLayout | undefined, fallbackKeyboard: KeyboardLayout) {
  const agent = await fakeAgent(siteKeyboard);
  const link = new AgentLink({ url: agent.url, token: 't', station: 'PICK-1', keyboard, fallbackKeyboard });
  link.start();
  cleanups.push(() => link.close());
  await waitFor(() => agent.received.some((m) => m.type === 'hello'), 'hello');
  return { link, agent };
}

const inputsSent = (received: ClientMessage[]) => received.flatMap((m) => (m.type === 'intent' && m.intent.type === 'input' ? [m.intent] : []));

describe("the terminal's keyboard layout", () => {
  it("is --keyboard first, then the agent's wedge.keyboard, then the locale's, and goes with every input", async () => {
    for (const [site, flag, fallback, expected] of [
      ['be', 'de', 'fr', 'de'],
      ['be', undefined, 'fr', 'be'],
      [null, undefined, 'ch', 'ch'],
    ] as const) {
      const { link, agent } = await linkTo(site, flag, fallback);
      await waitFor(() => link.current.keyboard === expected, `keyboard ${expected}`);
      link.send({ type: 'input', data: 'B&àà&', source: 'wedge' });
      link.send({ type: 'menu', choice: 'pick' });
      await waitFor(() => agent.received.filter((m) => m.type === 'intent').length === 2, 'two intents');
      expect(inputsSent(agent.received)).toEqual([{ type: 'input', data: 'B&àà&', source: 'wedge', keyboard: expected }]);
    }
  });

  it('from the locale: fr_FR → fr, fr_BE and nl_BE → be, de_CH and fr_CH → ch, de_DE and de_AT → de, others → us', () => {
    const of = (LANG: string, LC_ALL?: string) => keyboardFromEnv({ LANG, ...(LC_ALL && { LC_ALL }) });
    expect([of('fr_FR.UTF-8'), of('fr_BE.UTF-8'), of('nl_BE'), of('de_CH.UTF-8'), of('fr_CH'), of('de_DE.UTF-8'), of('de_AT'), of('en_US.UTF-8'), of('C'), of('')]).toEqual(['fr', 'be', 'be', 'ch', 'ch', 'de', 'de', 'us', 'us', 'us']);
    expect(of('en_US.UTF-8', 'fr_FR.UTF-8')).toBe('fr');
  });

  it("a real agent: its wedge.keyboard reaches a terminal started without --keyboard, and the wedge burst it sends is read through it", async () => {
    const running = await site({ products: 20, orders: 2, wedge: { keyboard: 'be' } });
    const link = new AgentLink({ url: `ws://127.0.0.1:${running.agent.port}`, token: running.apiToken, station: 'PICK-1', fallbackKeyboard: 'fr' });
    link.start();
    cleanups.push(() => link.close());
    await waitFor(() => link.current.keyboard === 'be' && link.current.view?.screen === 'signin', "the agent's keyboard and the sign-in screen");
    link.send({ type: 'input', data: 'B&àà&', source: 'wedge' });
    await waitFor(() => link.current.view?.screen === 'menu', 'signed in');
    const [entry] = await running.agent.store.audit.recent('PICK-1', 1);
    expect(entry).toMatchObject({ source: 'wedge', raw: 'B&àà&', remapped: { layout: 'be', text: 'B1001' }, outcomeCode: 'SIGNED_IN' });
  });
});
