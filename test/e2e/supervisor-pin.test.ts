import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AgentStore } from '../../src/agent/store/agent-store.js';
import { DEMO_SUPERVISOR_PIN } from '../../src/hub/adapters/embedded/demo-data.js';
import type { MessageKey } from '../../src/tui/i18n/messages-fr.js';
import { createTranslator, type Lang } from '../../src/tui/i18n/translate.js';
import { expectedGrams, weighableOrders, demoData as data, eanOf as ean } from '../helpers/demo-data.js';
import { useCleanups } from '../helpers/cleanups.js';
import { CLI } from '../helpers/quai-process.js';
import { startQuaiSite } from '../helpers/quai-site.js';
import { CheckedTerminal, feedbackOf, flat, inputLine } from '../helpers/station-screen.js';
import { TerminalClient } from '../helpers/terminal-client.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { TmuxTerminal } from '../helpers/tmux.js';
import { waitFor } from '../helpers/wait-for.js';

const tempDir = useTempDirs();
const cleanups = useCleanups();

const weighable = weighableOrders.slice(0, 2);
const supervisor = data.operators.find((o) => o.code === 'SUP1')!;

interface Lockout {
  supervisor: string;
  failures: number;
  lockouts: number;
  locked: boolean;
  lockedUntil: string | null;
}

describe.each([
  { columns: 80, rows: 24, lang: 'fr' as Lang },
  { columns: 40, rows: 16, lang: 'en' as Lang },
])('supervisor approvals resist guessing, in a real terminal at $columns x $rows ($lang)', ({ columns, rows, lang }) => {
  const t = createTranslator(lang);
  const labelIs = (key: MessageKey) => (s: string) => inputLine(s)?.label === t(key);
  const says = (key: MessageKey, params?: Record<string, string | number>) => (s: string) => flat(feedbackOf(s)).includes(t(key, params));
  /** SUP1's lockout as the terminal says it: until a time of day. */
  const lockedMessage = new RegExp(t('fb.SUPERVISOR_LOCKED', { supervisor: 'SUP1', until: '@' }).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace('@', '\\d\\d:\\d\\d:\\d\\d'));
  const saysLocked = (s: string) => lockedMessage.test(flat(feedbackOf(s)));

  it('refuses a code that is not a supervisor\'s before the PIN, asks a note for "other"; 5 wrong PINs lock the code, even the right PIN then, in quai status and across an agent restart', async () => {
    const dir = tempDir();
    const site = await startQuaiSite(dir, { logLevel: 'info' });
    cleanups.push(() => site.stop());
    await site.pickOrders(weighable.map((o) => o.number));
    const tmux = TmuxTerminal.start(`node ${CLI} tui --station PACK-1`, { columns, rows }, { QUAI_DATA_DIR: dir, LANG: lang === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' });
    cleanups.push(() => tmux.kill());
    const screen = new CheckedTerminal(tmux, { columns, rows });
    await screen.see(labelIs('input.code'), 'sign-in');
    await screen.settle('OP01');
    screen.type('2', false);
    await screen.see((s) => flat(s).includes(t('packOrders.title', { n: 2 })), 'pack orders');

    const failWeight = async (order: (typeof weighable)[number]) => {
      await screen.settle(order.number);
      for (const line of order.lines) for (let i = 0; i < line.quantity; i++) await screen.settle(ean(line.productCode));
      screen.type('*', false);
      await screen.see(/BOX-S/, 'boxes');
      await screen.settle('BOX-S');
      site.place(expectedGrams(order) + 800);
      await screen.see((s) => s.includes(`✖ ${t('pack.fail')}`), 'weight failed', 15_000);
    };
    const openApproval = async () => {
      screen.type('3', false);
      await screen.see(labelIs('input.supervisor'), 'approval: supervisor code');
    };

    // 1: the code is checked first: an operator's or an unknown one is refused, the PIN is never asked
    const [first, second] = weighable;
    await failWeight(first!);
    await openApproval();
    for (const code of ['OP01', 'ZZ99']) {
      await screen.type(code);
      const refused = await screen.see((s) => says('fb.SUPERVISOR_UNKNOWN', { supervisor: code })(s), `code ${code} refused`);
      expect(inputLine(refused)?.label).toBe(t('input.supervisor'));
    }
    // a supervisor's badge: the PIN is asked for SUP1
    await screen.type(supervisor.badge!);
    const askPin = (s: string) => labelIs('input.pin')(s) && flat(s).includes(t('override.askPin', { supervisor: 'SUP1' }));
    const pin = await screen.see(askPin, 'approval: PIN');
    expect(flat(pin)).toContain(t('override.askPin', { supervisor: 'SUP1' }));
    expect(flat(feedbackOf(pin))).toContain(t('fb.SUPERVISOR_OK', { supervisor: 'SUP1', name: supervisor.name }));
    // a PIN of letters: a clear error, the PIN prompt stays
    await screen.type('abcd');
    expect(inputLine(await screen.see(says('fb.APPROVAL_PIN_INVALID'), 'PIN of letters refused'))?.label).toBe(t('input.pin'));
    await screen.type(DEMO_SUPERVISOR_PIN);
    await screen.see((s) => flat(s).includes(t('approval.reason')), 'approval: reasons');
    // reason "other": a note is asked, required
    screen.type('4', false);
    const note = await screen.see(labelIs('input.note'), 'approval: note');
    expect(flat(note)).toContain(t('override.askNote'));
    await screen.type('');
    await screen.see(says('fb.ENTRY_REQUIRED'), 'empty note refused');
    await screen.type('carton renforce');
    await screen.see(says('fb.PACK_OVERRIDE_DONE', { supervisor: 'SUP1' }), 'override granted');
    screen.type('', true); // the first carrier
    await screen.see(labelIs('input.tracking'), 'tracking');
    await screen.settle('6A10000000001');
    await screen.see((s) => flat(s).includes(t('pack.done', { order: first!.number })), 'first order shipped');
    site.place(0);
    screen.type('', true);
    await screen.see((s) => flat(s).includes(t('packOrders.title', { n: 1 })), 'pack orders after');

    // 2: five wrong PINs in a row: the fifth locks SUP1
    await failWeight(second!);
    for (let attempt = 1; attempt <= 5; attempt++) {
      await openApproval();
      await screen.type('SUP1');
      await screen.see(askPin, `PIN ${attempt}`);
      await screen.type('0000');
      await screen.see((s) => flat(s).includes(t('approval.reason')), `reasons ${attempt}`);
      screen.type('2', false);
      const closed = (s: string) => !flat(s).includes(t('approval.reason'));
      if (attempt < 5) await screen.see((s) => closed(s) && says('fb.APPROVAL_REFUSED')(s), `wrong PIN ${attempt} refused`);
      else await screen.see((s) => closed(s) && saysLocked(s), 'the fifth wrong PIN locks SUP1');
    }
    const lockedAtCode = async (what: string) => {
      await openApproval();
      // another answer first, so that the lockout seen next is the answer to SUP1
      await screen.type('ZZ99');
      await screen.see(says('fb.SUPERVISOR_UNKNOWN', { supervisor: 'ZZ99' }), `${what}: another code first`);
      await screen.type('SUP1');
      await screen.see((s) => saysLocked(s) && labelIs('input.supervisor')(s) && inputLine(s)?.value === '', what);
      screen.terminal.keys('Escape');
      await screen.see((s) => s.includes(`✖ ${t('pack.fail')}`) && !labelIs('input.supervisor')(s), `${what}: back on the parcel`);
    };
    // the right PIN now: the code is refused at once on the terminal…
    await lockedAtCode('locked at the code');
    // …and the right PIN sent by any client is refused, on another station too
    const other = await TerminalClient.open(site.agent.port, site.token, 'PACK-2');
    cleanups.push(() => other.close());
    await other.input('OP02');
    expect((await other.act({ type: 'override', supervisor: 'SUP1', pin: DEMO_SUPERVISOR_PIN, reason: 'packaging-variance' })).feedback).toMatchObject({ code: 'SUPERVISOR_LOCKED', params: { supervisor: 'SUP1' } });
    other.close();

    // quai status --json says so, and after an agent restart it still holds
    const status = () => JSON.parse(execFileSync(process.execPath, [CLI, 'status', '--json', '--data-dir', dir], { encoding: 'utf8' })) as { running: boolean; supervisorLockouts: Lockout[] };
    const locked = status().supervisorLockouts;
    expect(locked).toEqual([{ supervisor: 'SUP1', failures: 0, lockouts: 1, locked: true, lockedUntil: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }]);
    expect(Date.parse(locked[0]!.lockedUntil!) - Date.now()).toBeGreaterThan(0);
    expect(execFileSync(process.execPath, [CLI, 'status', '--data-dir', dir], { encoding: 'utf8' })).toContain(`supervisor   SUP1: approvals locked until ${locked[0]!.lockedUntil} (lockout 1)`);
    await site.restartAgent();
    expect(status()).toMatchObject({ running: true, supervisorLockouts: locked });
    await screen.see((s) => s.includes(`✖ ${t('pack.fail')}`) && !/○/.test(s.split('\n')[0]!), 'terminal back on the failed parcel after the restart', 20_000);
    await lockedAtCode('still locked after the restart');

    // the hub has the note with the approval; no PIN in any log nor audit row
    const overrides = await waitFor(() => {
      const report = JSON.parse(execFileSync(process.execPath, [CLI, 'hub', 'inspect', '--json', '--data-dir', dir], { encoding: 'utf8' })) as { orders: { number: string; overrides: { supervisor: string; reason: string; note: string | null }[] }[] };
      const found = report.orders.find((o) => o.number === first!.number)?.overrides ?? [];
      return found.length > 0 ? found : undefined;
    }, 'the approval and its note at the hub', 15_000);
    expect(overrides).toEqual([expect.objectContaining({ supervisor: 'SUP1', reason: 'other', note: 'carton renforce' })]);
    const store = await AgentStore.open(join(dir, 'agent', 'agent.sqlite'));
    try {
      const audit = await store.audit.recent(null, 500);
      expect(audit.filter((a) => a.intent === 'supervisor-lockout')).toHaveLength(1);
      const attempts = audit.filter((a) => a.intent === 'override');
      // granted, five wrong, the right one while locked (the PIN of letters never left the terminal)
      expect(attempts.map((a) => a.outcomeCode)).toEqual(['SUPERVISOR_LOCKED', 'SUPERVISOR_LOCKED', ...Array(4).fill('APPROVAL_REFUSED'), 'PACK_OVERRIDE_DONE']);
      for (const row of attempts) expect(JSON.parse(row.raw!)).toMatchObject({ supervisor: expect.any(String), pin: '[redacted]' });
      expect(JSON.stringify(audit)).not.toMatch(/"pin":"(?!\[redacted\])|abcd/);
    } finally {
      await store.close();
    }
    for (const log of ['agent.log', 'hub.log']) expect(readLog(dir, log)).not.toMatch(/"pin":"|abcd|\bpinLength/i);
    expect(screen.defects).toEqual([]);
  }, 240_000);
});

function readLog(dir: string, name: string): string {
  try {
    return readFileSync(join(dir, name), 'utf8');
  } catch {
    return '';
  }
}
