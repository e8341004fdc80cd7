import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AgentLink } from '../../src/tui/agent-link.js';
import { waitFor } from '../helpers/wait-for.js';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the terminal's link to the agent", () => {
  it('tells the operator a scan was not sent while the agent is unreachable, and keeps retrying', async () => {
    const link = new AgentLink({ url: `ws://127.0.0.1:${await closedPort()}`, token: 't', station: 'PICK-1' });
    link.start();
    try {
      await waitFor(() => link.current.phase === 'retrying', 'retrying');
      link.send({ type: 'input', data: '4006381333931', source: 'wedge' });
      expect(link.current.feedback).toMatchObject({ level: 'error', code: 'NOT_SENT' });
    } finally {
      link.close();
    }
  });
});
