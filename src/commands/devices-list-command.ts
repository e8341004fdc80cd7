import type { AgentStatus } from '../protocol/local-api.js';
import { findSerialPorts, type FoundPort } from './devices-command.js';
import { findRunningAgent } from './running-agent.js';
import { requestAgent } from './local-api-client.js';

/** What `quai devices list` reports: this machine's serial ports, how they were found, and the running agent's devices (null: no agent runs). */
export interface DevicesListing {
  ports: FoundPort[];
  discovery: 'udev' | '/dev';
  devices: AgentStatus['devices'] | null;
}

/**
 * `quai devices list`: serial ports with their stable names under `byIdDir`, and the devices of the
 * agent running from Quai's data directory `dataDir` with their state. Throws AGENT_TIMEOUT or
 * AGENT_UNREACHABLE when a running agent does not answer.
 */
export async function listDevices(dataDir: string, byIdDir: string): Promise<DevicesListing> {
  const found = await findSerialPorts(byIdDir);
  const agent = findRunningAgent(dataDir);
  const devices = agent ? (await requestAgent(agent.port, agent.token, { type: 'status' }, 'status')).status.devices : null;
  return { ports: found.ports, discovery: found.via, devices };
}

/** The listing as lines for a person: ports (with their by-id names indented), then the agent's devices. */
export function formatDevicesListing(listing: DevicesListing): string {
  const lines = [`ports (${listing.discovery === 'udev' ? 'from udev' : 'udev unavailable: device names under /dev'}):`];
  for (const port of listing.ports) {
    lines.push(`  ${port.path}${port.manufacturer ? `  ${port.manufacturer}` : ''}${port.vendorId ? `  ${port.vendorId}:${port.productId}` : ''}`);
    for (const name of port.byId) lines.push(`    ${name}`);
  }
  if (listing.ports.length === 0) lines.push('  (none)');
  lines.push(listing.devices ? 'agent devices:' : 'agent devices: no agent running');
  for (const d of listing.devices ?? []) lines.push(`  ${d.station} ${d.id} ${d.kind}${d.profile ? ` ${d.profile}` : ''} ${d.path}${d.resolvedPath ? ` → ${d.resolvedPath}` : ''} ${d.state}${d.reason ? ` (${d.reason})` : ''}${d.lastReading ? `  ${d.lastReading}` : ''}`);
  return lines.join('\n');
}
