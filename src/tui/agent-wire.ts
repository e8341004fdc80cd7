import WebSocket from 'ws';
import { decodeFrame } from '../protocol/common.js';
import { agentMessage, type AgentMessage } from '../protocol/local-api.js';

// What the terminal's link needs once its first frame is drawn, loaded then by AgentLink.start:
// the WebSocket client and the protocol's schemas (zod alone costs ~100 ms of cold start).

export { WebSocket };

/** An agent's frame checked against quai-local/1 (`agentMessage`); undefined when it is not one (dropped, as before). */
export function decodeAgentFrame(data: unknown): AgentMessage | undefined {
  const decoded = decodeFrame(agentMessage, data);
  return decoded.ok ? decoded.value : undefined;
}
