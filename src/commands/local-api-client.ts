import WebSocket from 'ws';
import { decodeFrame } from '../protocol/common.js';
import { LOCAL_SUBPROTOCOL, agentMessage, type AgentMessage, type ClientMessage } from '../protocol/local-api.js';
import { QuaiError } from '../runtime/quai-error.js';
import { AGENT_TIMEOUT_MS } from './admin-timeouts.js';

/**
 * One request to a running agent's local API, for tools such as `quai status` and `quai sync --now`:
 * AGENT_TIMEOUT when no answer comes within `timeoutMs`, AGENT_UNREACHABLE when nothing listens.
 */
export function requestAgent<T extends AgentMessage['type']>(port: number, token: string, request: ClientMessage, expect: T, timeoutMs = AGENT_TIMEOUT_MS): Promise<Extract<AgentMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, LOCAL_SUBPROTOCOL);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new QuaiError('AGENT_TIMEOUT', `the agent on port ${port} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const finish = (error: Error | null, value?: Extract<AgentMessage, { type: T }>) => {
      clearTimeout(timer);
      ws.close();
      if (error) reject(error);
      else resolve(value!);
    };
    ws.on('open', () => {
      ws.send(JSON.stringify({ type: 'hello', token }));
      ws.send(JSON.stringify(request));
    });
    ws.on('message', (data) => {
      const decoded = decodeFrame(agentMessage, data);
      if (!decoded.ok) return finish(new QuaiError('AGENT_BAD_ANSWER', decoded.message));
      const message = decoded.value;
      if (message.type === 'error') return finish(new QuaiError(`AGENT_${message.code}`, message.message));
      if (message.type === expect) finish(null, message as Extract<AgentMessage, { type: T }>);
    });
    ws.on('error', (error) => finish(new QuaiError('AGENT_UNREACHABLE', `cannot reach the agent on port ${port}: ${error.message}`)));
  });
}
