import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StationState } from '../domain/workflows/station.js';
import type { DeviceStatus, LinkState } from '../protocol/local-api.js';
import type { AgentStore } from './store/agent-store.js';

/** Where an intent came from: a terminal over quai-local/1, or a serial scanner of the station. */
export type IntentSource = 'terminal' | 'serial';

/** What the agent's gauges read at scrape time: in-memory figures only, never the store's tables. */
export interface AgentMetricsSources {
  store: AgentStore;
  link: () => LinkState;
  devices: () => DeviceStatus[];
  /** Stations whose session is in memory, with their state. */
  sessions: () => [string, StationState][];
  /** Terminals connected per station. */
  terminals: () => Map<string, number>;
}

/** Seconds: a scan answered within 50 ms is the goal; the long buckets catch a store or a device that stalls. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const LINK_STATES: LinkState[] = ['online', 'connecting', 'offline'];
const DEVICE_STATES: DeviceStatus['state'][] = ['connecting', 'online', 'offline', 'closed'];

/** The agent's Prometheus metrics, in a registry of its own (an agent and a hub in one process do not share one). */
export interface AgentMetrics {
  registry: Registry;
  /** An intent answered: its result and the station's new view sent. `seconds` from the intent's arrival. */
  answered(intent: string, source: IntentSource, seconds: number): void;
  /** The hub link changed state; a link that comes up again after the first counts as a reconnect. */
  linkChanged(state: LinkState): void;
}

/** Builds the agent's metrics (names in docs/operations.md, "Metrics"). */
export function createAgentMetrics(sources: AgentMetricsSources): AgentMetrics {
  const registry = new Registry();
  const registers = [registry];
  const answer = new Histogram({
    name: 'quai_agent_intent_answer_seconds',
    help: 'From an intent received (a scan from a terminal or a serial scanner, a key action) to its result and the new view sent to the station',
    labelNames: ['intent', 'source'] as const,
    buckets: ANSWER_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'quai_agent_outbox_events',
    help: 'Events in the outbox by state: pending (not yet stored by the hub), sent (stored, ERP outcome awaited), rejected (refused by the ERP, for a supervisor)',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const { outbox } = sources.store;
      this.set({ state: 'pending' }, outbox.pending);
      this.set({ state: 'sent' }, outbox.awaitingOutcome);
      this.set({ state: 'rejected' }, outbox.rejected);
    },
  });
  new Gauge({
    name: 'quai_agent_hub_link',
    help: 'The hub link: 1 for its current state (online, connecting, offline), 0 for the others',
    labelNames: ['state'] as const,
    registers,
    collect() {
      const current = sources.link();
      for (const state of LINK_STATES) this.set({ state }, state === current ? 1 : 0);
    },
  });
  const reconnects = new Counter({ name: 'quai_agent_hub_reconnects_total', help: 'Times the hub link came up again after it had been up (since the agent started)', registers });
  new Gauge({
    name: 'quai_agent_device_state',
    help: "Each serial device of a station: 1 for its current state (connecting, online, offline, closed), 0 for the others",
    labelNames: ['station', 'device', 'kind', 'state'] as const,
    registers,
    collect() {
      this.reset();
      for (const d of sources.devices()) for (const state of DEVICE_STATES) this.set({ station: d.station, device: d.id, kind: d.kind, state }, d.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: 'quai_agent_station_terminals',
    help: 'Terminals connected to a station',
    labelNames: ['station'] as const,
    registers,
    collect() {
      this.reset();
      for (const [station, count] of sources.terminals()) this.set({ station }, count);
    },
  });
  new Gauge({
    name: 'quai_agent_station_session',
    help: "A station's session: 1 on its current screen, with signed_in=\"true\" while an operator is signed in",
    labelNames: ['station', 'screen', 'signed_in'] as const,
    registers,
    collect() {
      this.reset();
      for (const [station, state] of sources.sessions()) this.set({ station, screen: state.screen, signed_in: String(state.operator !== null) }, 1);
    },
  });
  let wasOnline = false;
  return {
    registry,
    answered: (intent, source, seconds) => answer.observe({ intent, source }, seconds),
    linkChanged(state) {
      if (state !== 'online') return;
      if (wasOnline) reconnects.inc();
      wasOnline = true;
    },
  };
}
