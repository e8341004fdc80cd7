import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { createHubMetrics } from '../../../src/hub/hub-metrics.js';

describe("the hub's Tryton metrics", () => {
  // the Tryton series read no store: the store is never asked for here
  const metrics = (tryton: boolean) => createHubMetrics({ db: undefined as unknown as Knex, connectedAgents: () => 0, tryton });

  it('a Tryton hub serves every fault at 0 from the start, and counts a call and its fault', async () => {
    const hub = metrics(true);
    expect(await hub.registry.getSingleMetricAsString('quai_hub_tryton_faults_total')).toContain('quai_hub_tryton_faults_total{fault="unavailable"} 0');
    hub.trytonCall('model.stock.shipment.out.search', 0.2, 'unavailable');
    expect(await hub.registry.getSingleMetricAsString('quai_hub_tryton_faults_total')).toContain('quai_hub_tryton_faults_total{fault="unavailable"} 1');
    expect(await hub.registry.getSingleMetricAsString('quai_hub_tryton_call_seconds')).toContain('quai_hub_tryton_call_seconds_count{method="model.stock.shipment.out.search",result="unavailable"} 1');
  });

  it('a hub on the embedded ERP has no Tryton series', () => {
    const hub = metrics(false);
    expect(hub.registry.getMetricsAsArray().map((m) => m.name)).not.toContain('quai_hub_tryton_faults_total');
    expect(hub.registry.getMetricsAsArray().map((m) => m.name)).not.toContain('quai_hub_tryton_call_seconds');
  });
});
