import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import { inspectHub } from '../../src/hub/hub-inspect.js';
import { startSite, type TestSite } from '../helpers/site.js';
import { demoData as data, eanOf as ean } from '../helpers/demo-data.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { BACKENDS } from '../helpers/test-database.js';
import { settled, waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
let site: TestSite | undefined;
afterEach(async () => {
  await site?.stop();
  site = undefined;
});

const receipt = data.receipts[0]!;
const plain = receipt.lines[0]!.productCode;
const home = data.products.find((p) => p.code === plain)!.homeLocation!;
const task = data.countTasks.find((t) => t.scope === 'zone')!;
const outsideZone = data.stock.find((s) => !s.locationCode.startsWith(`${task.target}-`))!.locationCode;

describe.each(BACKENDS)('approvals kept through agent and hub (stores on %s)', (backend) => {
  it('a put-away elsewhere and an over-receipt held across an agent restart, approved by supervisors, at the hub; a zone count refuses a bin of another zone', async () => {
    site = await startSite(tempDir(), { backend, receiving: { otherBin: 'supervisor' } });
    let terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'REC-1');
    await terminal.input('OP01');
    await terminal.act({ type: 'menu', choice: 'receive' });
    await terminal.act({ type: 'open-receipt', ref: receipt.number });
    await terminal.input(ean(plain));
    await terminal.act({ type: 'quantity', quantity: 14 });
    const held = await terminal.input('C-04-10-3');
    expect(held.feedback).toMatchObject({ code: 'RECEIVE_OTHER_BIN_APPROVAL', params: { location: 'C-04-10-3', suggested: home } });
    expect(held.view).toMatchObject({ screen: 'receive', hold: { location: 'C-04-10-3', check: 'putaway' } });

    // the held bin is in the station's session: a restarted agent still waits for the approval
    terminal.close();
    await site.restartAgent();
    terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'REC-1');
    await terminal.until(() => terminal.view.screen === 'receive' && terminal.view.hold?.check === 'putaway', 'the held bin after the restart');

    // bad input, nothing recorded: a wrong PIN, an unknown supervisor, a reason of another kind, a reason the wire does not know
    const refusals = [
      await terminal.act({ type: 'override', supervisor: 'SUP1', pin: '0000', reason: 'suggested-bin-full' }),
      await terminal.act({ type: 'override', supervisor: 'OP02', pin: DEMO_SUPERVISOR_PIN, reason: 'suggested-bin-full' }),
      await terminal.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'supplier-agreed' }),
    ];
    expect(refusals.map((r) => r.feedback?.code)).toEqual(['APPROVAL_REFUSED', 'SUPERVISOR_UNKNOWN', 'APPROVAL_REASON_INVALID']);
    await expect(terminal.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'bribe' } as never)).rejects.toThrow(/invalid message: intent.reason/);
    terminal.close();
    terminal = await TerminalClient.open(site.agent.port, site.apiToken, 'REC-1');
    await terminal.until(() => terminal.view.screen === 'receive', 'the receive screen');
    expect((await site.agent.status()).outbox.lastSeq).toBe(0);

    const binApproved = await terminal.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'suggested-bin-full', note: '  ' });
    expect(binApproved.feedback).toMatchObject({ code: 'RECEIVE_OVER_APPROVAL', params: { received: 14, expected: 12, allowed: 13 } });
    const approved = await terminal.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'other', note: 'palette complète' });
    expect(approved.feedback).toMatchObject({ level: 'ok', code: 'RECEIVE_OVER' });

    // a zone count takes the bins of its zone only
    await terminal.act({ type: 'back' });
    await terminal.act({ type: 'menu', choice: 'count' });
    await terminal.act({ type: 'open-count', taskId: task.id });
    const refused = await terminal.input(outsideZone);
    expect(refused.feedback).toMatchObject({ code: 'COUNT_BIN_NOT_IN_TASK', params: { location: outsideZone, task: task.id, scope: 'zone', target: task.target } });
    expect(refused.view).toMatchObject({ screen: 'count', location: null, offer: outsideZone, paused: null });
    const adhoc = await terminal.act({ type: 'adhoc-count' });
    expect(adhoc.view).toMatchObject({ screen: 'count', label: `ad hoc ${outsideZone}`, location: outsideZone, offer: null, paused: task.id });
    terminal.close();

    await waitFor(async () => settled(await site!.agent.status()), 'all settled', 20_000);
    const hub = await inspectHub(site.hub!.db);
    expect(hub.rejectedEvents).toEqual([]);
    expect(hub.receiptApprovals).toEqual([
      { receipt: receipt.number, kind: 'putaway', productCode: plain, quantity: 14, location: 'C-04-10-3', suggested: home, supervisor: 'SUP1', reason: 'suggested-bin-full', note: null, station: 'REC-1', operator: 'OP01', at: expect.any(String) },
      { receipt: receipt.number, kind: 'over-receipt', productCode: plain, quantity: 14, location: 'C-04-10-3', suggested: home, supervisor: 'SUP1', reason: 'other', note: 'palette complète', station: 'REC-1', operator: 'OP01', at: expect.any(String) },
    ]);
    expect(hub.receiptDiscrepancies).toEqual([expect.objectContaining({ kind: 'over', productCode: plain, quantity: 2 })]);
    expect(hub.movedStock).toContainEqual(expect.objectContaining({ productCode: plain, location: 'C-04-10-3', quantity: 14 }));
  });
});
