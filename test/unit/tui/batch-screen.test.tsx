import { afterEach, describe, expect, it } from 'vitest';
import type { StationView } from '../../../src/protocol/local-api.js';
import { createTranslator, type Lang } from '../../../src/tui/i18n/translate.js';
import { activeBindings } from '../../../src/tui/input/bindings.js';
import { INITIAL_UI } from '../../../src/tui/input/ui-state.js';
import { renderTui, type RenderedTui } from '../../helpers/render-tui.js';
import { SAMPLE_VIEWS, batchTotesView, batchView } from '../../helpers/station-view-samples.js';
import { waitFor } from '../../helpers/wait-for.js';
import { expectWhole } from '../../helpers/whole-frame.js';

type BatchView = Extract<StationView, { screen: 'batch' }>;

const SIZES = [
  { columns: 40, rows: 16 },
  { columns: 80, rows: 24 },
];
const LANGS: Lang[] = ['fr', 'en'];

let tui: RenderedTui | undefined;
afterEach(() => {
  tui?.unmount();
  tui = undefined;
});


/** Words as read, whatever the wrapping. */
const flat = (frame: string) => frame.replace(/\s+/g, ' ');

/** A cart of 8, the default cart type (CMD-1006 to CMD-1013): position 1 done, 2 done short, 3 (CMD-1008, the line's) to 8 picking. */
function cartOf8(patch: Partial<BatchView> = {}): BatchView {
  const base = batchView();
  const slots = Array.from({ length: 8 }, (_, i) => ({ ...base.slots[Math.min(i, 3)]!, position: i + 1, tote: `BAC-0${21 + i}`, order: { id: `SO-${1006 + i}`, number: `CMD-${1006 + i}`, customer: 'Jean Dupont' } }));
  return batchView({ cart: 'CHR-07', slots, ...patch });
}

describe('batch picking at 40x16 and 80x24, FR and EN, without colour: every phase whole, symbols saying each order’s state', () => {
  for (const lang of LANGS) {
    const t = createTranslator(lang);
    for (const size of SIZES) {
      const at = `${size.columns}x${size.rows} ${lang}`;

      it(`a line: its tote and order, the bin, the product, picked of ordered, the cart's strip (${at})`, async () => {
        tui = renderTui(batchView(), { ...size, lang });
        const frame = await tui.waitForText(t('batch.lineFor', { position: 3, order: 'CMD-1008' }));
        expect(frame).toContain('A-01-02-3');
        expect(frame).toContain(t('pick.left', { n: 4 }));
        expect(frame).toContain(size.columns === 40 ? '1✔ 2⚠ 3● 4●' : '1✔ CMD-1001  2⚠ CMD-1002  3● CMD-1008  4● CMD-1010');
        expect(frame).toContain(t(size.columns === 40 ? 'pick.lineShort' : 'pick.line', { n: 7, total: 11 }));
        expectWhole(frame, size.columns, size.rows);
      });

      it(`the put: which tote, which order, how many, and the scan that confirms (${at})`, async () => {
        tui = renderTui(SAMPLE_VIEWS['batch-put'], { ...size, lang });
        const frame = await tui.waitForText(t('batch.put', { position: 3, order: 'CMD-1008', quantity: 2 }));
        expect(flat(frame)).toContain(t('batch.putConfirm', { tote: 'BAC-013' }));
        expect(frame).toContain(`${t('input.tote')} ›`);
        expectWhole(frame, size.columns, size.rows);
      });

      it(`the totes of a cart of 8: the position asked for is pointed at and on screen, even the last (${at})`, async () => {
        const slots = cartOf8().slots.map((s) => ({ ...s, status: s.position < 8 ? ('picking' as const) : ('tote' as const), tote: s.position < 8 ? s.tote : null, settled: 0, short: 0 }));
        tui = renderTui(batchTotesView({ cart: 'CHR-07', slots, toteFor: 8, toteRefused: { tote: 'BAC-099', order: 'CMD-0999' } }), { ...size, lang });
        const frame = await tui.waitForText(t('batch.scanTote', { position: 8, order: 'CMD-1013' }));
        expect(frame).toMatch(/▶ 8 ○ — CMD-1013/);
        expect(flat(frame)).toContain(t('batch.toteRefused', { tote: 'BAC-099', order: 'CMD-0999', key: '#' }));
        expect(frame).toContain(t('batch.totes', { n: 7, total: 8 }));
        // the positions above the window counted on a handheld
        if (size.columns === 40) expect(frame).toContain(t('list.above', { n: 3 }));
        else expect(frame).toMatch(/^ {2}1 ● BAC-021 CMD-1006/m);
        expectWhole(frame, size.columns, size.rows);
      });

      it(`a line on a cart of 8: the strip whole (${at})`, async () => {
        tui = renderTui(cartOf8(), { ...size, lang });
        const frame = await tui.waitForText(t('batch.lineFor', { position: 3, order: 'CMD-1008' }));
        if (size.columns === 40) expect(frame).toContain('1✔ 2⚠ 3● 4● 5● 6● 7● 8●');
        else expect(flat(frame)).toContain('7● CMD-1012 8● CMD-1013');
        expectWhole(frame, size.columns, size.rows);
      });

      it(`done: each order, done or short, on a cart of 8; Enter finishes (${at})`, async () => {
        const view = cartOf8({ phase: 'done', line: null, undo: null });
        view.slots = view.slots.map((slot) => ({ ...slot, settled: slot.lines, status: 'done' }));
        tui = renderTui(view, { ...size, lang });
        const frame = await tui.waitForText(t('batch.doneOrders', { n: 8 }));
        expect(flat(frame)).toContain(`✔ ${t('batch.cart', { cart: 'CHR-07' })} ${t('batch.doneOrders', { n: 8 })}`);
        const brief = size.columns === 40;
        expect(flat(frame)).toContain(`3${brief ? '' : ' '}✔ BAC-023 CMD-1008 ${t('batch.slotLines', { settled: 4, lines: 4 })}`);
        expect(flat(frame)).toContain(`2${brief ? '' : ' '}⚠ BAC-022 CMD-1007 ${t('batch.slotLines', { settled: 2, lines: 2 })} · ${t(brief ? 'batch.slotShortBrief' : 'batch.slotShort', { n: 1 })}`);
        expectWhole(frame, size.columns, size.rows);
        await tui.press('\r');
        expect(tui.sent).toEqual([{ type: 'finish' }]);
      });
    }
  }
});

/** How many times `text` stands in the frame's words. */
const count = (frame: string, text: string) => flat(frame).split(text).length - 1;

describe('batch picking as a new user read it, at 40x16 and 80x24, FR and EN, without colour', () => {
  for (const lang of LANGS) {
    const t = createTranslator(lang);
    for (const size of SIZES) {
      const at = `${size.columns}x${size.rows} ${lang}`;
      const compact = size.columns === 40;

      it(`done, a cart of 8 with a short: every order on screen, the short one first, the sentence said once (${at})`, async () => {
        const view = cartOf8({ phase: 'done', line: null, undo: null });
        view.slots = view.slots.map((slot) => ({ ...slot, settled: slot.lines, status: 'done', short: slot.position === 7 ? 1 : 0 }));
        const said = { id: 1, level: 'ok' as const, code: 'BATCH_DONE', params: { cart: 'CHR-07', orders: 8 } };
        tui = renderTui(view, { ...size, lang, feedback: said });
        const frame = await tui.waitForText(t('batch.doneOrders', { n: 8 }));
        for (let n = 1006; n <= 1013; n++) expect(frame).toContain(`CMD-${n}`);
        expect(frame).not.toContain(t('list.more', { n: 1 }).slice(0, 2));
        const rows = tui.lines();
        const title = rows.findIndex((row) => row.startsWith(`✔ ${t('batch.cart', { cart: 'CHR-07' })}`));
        expect(rows[title + 1]).toBe(`7${compact ? '' : ' '}⚠ BAC-027 CMD-1012 ${t('batch.slotLines', { settled: 2, lines: 2 })} · ${t(compact ? 'batch.slotShortBrief' : 'batch.slotShort', { n: 1 })}`);
        expect(count(frame, t('fb.BATCH_DONE', { cart: 'CHR-07', orders: 8 }))).toBe(1);
        expect(count(frame, 'CHR-07')).toBe(2);
        expectWhole(frame, size.columns, size.rows);
      });

      it(`binding the totes of a cart of 8: the positions that do not fit are counted (${at})`, async () => {
        const slots = cartOf8().slots.map((s) => ({ ...s, status: s.position < 4 ? ('picking' as const) : ('tote' as const), tote: s.position < 4 ? s.tote : null, settled: 0, short: 0 }));
        const bound = { id: 1, level: 'ok' as const, code: 'TOTE_BOUND', params: { tote: 'BAC-023', position: 3, order: 'CMD-1008' } };
        tui = renderTui(batchTotesView({ cart: 'CHR-07', slots, toteFor: 4 }), { ...size, lang, feedback: bound });
        const frame = await tui.waitForText(t('batch.scanTote', { position: 4, order: 'CMD-1009' }));
        const shown = tui.lines().filter((row) => /^[ ▶] \d [●○] /.test(row)).length;
        if (compact) {
          expect(shown).toBeLessThan(8);
          expect(frame).toContain(t('list.more', { n: 8 - shown }));
        } else {
          expect(shown).toBe(8);
          expect(frame).not.toContain(t('list.more', { n: 1 }).slice(0, 2));
        }
        expectWhole(frame, size.columns, size.rows);
      });

      it(`a tote refused as in use: said once, whole, the # key on the key line (${at})`, async () => {
        const slots = cartOf8().slots.map((s) => ({ ...s, status: s.position < 4 ? ('picking' as const) : ('tote' as const), tote: s.position < 4 ? s.tote : null, settled: 0, short: 0 }));
        const inUse = { id: 1, level: 'error' as const, code: 'TOTE_IN_USE', params: { tote: 'BAC-011', order: 'CMD-1025' } };
        tui = renderTui(batchTotesView({ cart: 'CHR-07', slots, toteFor: 4, toteRefused: { tote: 'BAC-011', order: 'CMD-1025' } }), { ...size, lang, feedback: inUse });
        const frame = await tui.waitForText(t('batch.scanTote', { position: 4, order: 'CMD-1009' }));
        expect(flat(frame)).toContain(`✖ ${t('fb.TOTE_IN_USE', { tote: 'BAC-011', order: 'CMD-1025' })}`);
        expect(count(frame, 'BAC-011')).toBe(1);
        expect(tui.lines().at(-1)).toMatch(new RegExp(`^# ${t('hint.override')} · `));
        expectWhole(frame, size.columns, size.rows);
        // another message since: the screen keeps saying it, whole
        tui.show(batchTotesView({ cart: 'CHR-07', slots, toteFor: 4, toteRefused: { tote: 'BAC-011', order: 'CMD-1025' } }), { feedback: { id: 2, level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'X' } } });
        const later = await tui.waitForText(t('fb.SUPERVISOR_UNKNOWN', { supervisor: 'X' }).slice(0, 10));
        expect(flat(later)).toContain(t('batch.toteRefused', { tote: 'BAC-011', order: 'CMD-1025', key: '#' }));
      });

      for (const phase of ['cart', 'totes', 'put'] as const) {
        it(`? on the ${phase} phase says what to do there, then its keys (${at})`, async () => {
          const view = SAMPLE_VIEWS[`batch-${phase}`];
          tui = renderTui(view, { ...size, lang });
          await tui.press('?');
          const help = await tui.waitForText(t('help.title'));
          expect(flat(help)).toContain(t(`help.batch.${phase}`));
          expect(flat(help)).toContain(`Ctrl+C ${t('hint.quit')}`);
          expect(tui.lines().at(-1)).toContain(t('hint.closeHelp'));
          expectWhole(help, size.columns, size.rows);
        });
      }

      it(`the put: one unit in the singular, more in the plural (${at})`, async () => {
        const put = SAMPLE_VIEWS['batch-put'] as BatchView;
        tui = renderTui({ ...put, put: { ...put.put!, quantity: 1 } }, { ...size, lang });
        expect(flat(await tui.waitForText(t('batch.put', { position: 3, order: 'CMD-1008', quantity: 1 })))).toContain(t('batch.putConfirmOne', { tote: 'BAC-013' }));
        tui.show(put);
        expect(flat(await tui.waitForText(t('batch.put', { position: 3, order: 'CMD-1008', quantity: 2 })))).toContain(t('batch.putConfirm', { tote: 'BAC-013' }));
      });

      it(`the line counter reads the same on the put as on a line and on one order's pick (${at})`, async () => {
        const counter = t(compact ? 'pick.lineShort' : 'pick.line', { n: 7, total: 11 });
        tui = renderTui(SAMPLE_VIEWS['batch-put'], { ...size, lang });
        expect(await tui.waitForText(t('batch.put', { position: 3, order: 'CMD-1008', quantity: 2 }))).toContain(counter);
        tui.show(batchView());
        expect(await tui.waitForText(t('batch.lineFor', { position: 3, order: 'CMD-1008' }))).toContain(counter);
        tui.show(SAMPLE_VIEWS.pick);
        expect(await tui.waitForText('CMD-1001')).toContain(t(compact ? 'pick.lineShort' : 'pick.line', { n: 2, total: 5 }));
      });

      const approvals: Array<[string, StationView]> = [
        ['tote', SAMPLE_VIEWS['batch-totes']],
        ['lot', { ...(SAMPLE_VIEWS.pick as Extract<StationView, { screen: 'pick' }>), lots: { inBin: [], current: null, refused: 'LX-9999' } }],
      ];
      for (const [kind, view] of approvals) {
        it(`an approval (${kind}) at its reason step: no stale "type the PIN", a choice asked for (${at})`, async () => {
          tui = renderTui(view, { ...size, lang });
          await tui.press('#');
          await tui.waitForText(`${t('input.supervisor')} ›`);
          await tui.press('SUP1\r');
          tui.show(view, { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
          await tui.waitForText(`${t('input.pin')} ›`);
          expect(flat(tui.frame())).toContain(t('fb.SUPERVISOR_OK', { supervisor: 'SUP1', name: 'Paul Lefèvre' }));
          await tui.press('1234\r');
          const reasons = await tui.waitForText(t('approval.reason'));
          expect(flat(reasons)).toContain(t('fb.OVERRIDE_PIN_TAKEN', { supervisor: 'SUP1' }));
          expect(flat(reasons)).not.toContain(t('fb.SUPERVISOR_OK', { supervisor: 'SUP1', name: 'Paul Lefèvre' }));
          expect(reasons).toMatch(new RegExp(`^${t('input.choice')} ›`, 'm'));
          expectWhole(reasons, size.columns, size.rows);
          // the approval sent: still not "type the PIN" while the agent answers
          await tui.press('1');
          await waitFor(() => tui!.sent.length === 2, 'the approval sent');
          expect(flat(tui.frame())).toContain(t('fb.OVERRIDE_PIN_TAKEN', { supervisor: 'SUP1' }));
        });
      }
    }
  }
});

describe('batch picking keys: the discrete pick’s, plus the cart’s', () => {
  it('menu: 7 chooses batch picking, listed under picking; the other entries keep their numbers', async () => {
    tui = renderTui(SAMPLE_VIEWS.menu);
    const frame = await tui.waitForText('7 Prélèvement groupé (chariot CHR4-01 en cours)');
    expect(frame.indexOf('1 Prélèvement')).toBeLessThan(frame.indexOf('7 Prélèvement groupé'));
    expect(frame.indexOf('7 Prélèvement groupé')).toBeLessThan(frame.indexOf('2 Emballage'));
    await tui.press('7');
    await tui.press('2');
    await tui.press('6');
    expect(tui.sent).toEqual([{ type: 'menu', choice: 'batch' }, { type: 'menu', choice: 'pack' }, { type: 'sign-out' }]);
  });

  it('menu: ↓ from picking is batch picking, Enter opens it', async () => {
    tui = renderTui(SAMPLE_VIEWS.menu);
    await tui.press('\x1b[B');
    await tui.press('\r');
    expect(tui.sent).toEqual([{ type: 'menu', choice: 'batch' }]);
  });

  it('cart and totes are scans, typed or scanned; Esc pauses', async () => {
    tui = renderTui(SAMPLE_VIEWS['batch-cart']);
    await tui.waitForText('Chariot ›');
    for (const key of [...'CHR4-01', '\r']) await tui.press(key);
    await tui.press('\x1b');
    expect(tui.sent).toMatchObject([{ type: 'input', data: 'CHR4-01' }, { type: 'back' }]);
  });

  // undo, postpone and short: screens.test.tsx presses them on a cart's line as on one order's
  it('a line: Tab adds to what is scanned, + replenishes, ! names the line short', async () => {
    tui = renderTui(batchView({ lastShort: 'P-050' }), { columns: 40, rows: 16 });
    await tui.press('\t');
    await tui.press('3');
    expect(await tui.waitForText('2 + 3 = 5 / 6')).toContain('P-100');
    await tui.press('\r');
    await tui.press('+');
    await tui.waitForText('Qté à réapprovisionner (u.) ›');
    await tui.press('5\r');
    await tui.press('!');
    expect(await tui.waitForText('1 Emplacement vide')).toContain('P-100 2/6');
    expect(tui.sent).toEqual([{ type: 'quantity', quantity: 3, mode: 'add' }, { type: 'replenish', quantity: 5, note: '' }]);
  });

  it('a lot-tracked line: / gives the lot, a refused lot asks for a lot approval', async () => {
    const lots = { inBin: [{ lot: 'L26140', expiry: '2027-01-28', quantity: 30 }], current: null, refused: 'LX-9999' };
    tui = renderTui(batchView({ lots }), { columns: 40, rows: 16 });
    await tui.press('/');
    await tui.waitForText('N° de lot');
    await tui.press('\x1b');
    await tui.press('#');
    expect(flat(await tui.waitForText('Code superviseur ›'))).toContain('Dérogation superviseur : lot');
  });

  it('the empty-bin question: Enter for empty, a number for what is left', async () => {
    tui = renderTui(SAMPLE_VIEWS['batch-empty']);
    await tui.waitForText('Reste dans le bac (u.) ›');
    await tui.press('\r');
    await tui.press('3\r');
    expect(tui.sent).toEqual([{ type: 'empty-check', remaining: 0 }, { type: 'empty-check', remaining: 3 }]);
  });

  it('a tote an open order holds: # asks a supervisor to free it, with the tote reasons; without a refusal # is typed', async () => {
    for (const lang of LANGS) {
      const t = createTranslator(lang);
      tui = renderTui(SAMPLE_VIEWS['batch-totes'], { columns: 40, rows: 16, lang });
      await tui.press('#');
      expect(flat(await tui.waitForText(`${t('input.supervisor')} ›`))).toContain(t('approval.tote'));
      await tui.press('SUP1\r');
      tui.show(SAMPLE_VIEWS['batch-totes'], { feedback: { id: 1, level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
      await tui.waitForText(`${t('input.pin')} ›`);
      await tui.press('1234\r');
      const reasons = await tui.waitForText(t('reason.tote-empty'));
      expect(reasons).toContain(`2 ${t('reason.order-handled')}`);
      expect(reasons).toContain(`3 ${t('reason.other')}`);
      expectWhole(reasons, 40, 16);
      await tui.press('1');
      await waitFor(() => tui!.sent.length === 2, 'the approval sent');
      expect(tui.sent[1]).toEqual({ type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'tote-empty' });
      tui.unmount();
    }
    expect(activeBindings({ ui: INITIAL_UI, view: batchTotesView() }).some((b) => b.key === '#')).toBe(false);
    tui = renderTui(batchTotesView());
    await tui.press('#');
    await tui.waitForText('Bac › #');
    expect(tui.sent).toEqual([]);
  });

  it('the put: a tote scanned goes to the agent, + asks to replenish a short just recorded; nothing else is offered there', async () => {
    tui = renderTui(SAMPLE_VIEWS['batch-put']);
    await tui.press('+');
    await tui.press('4\r');
    await tui.press('BAC-013\r');
    expect(tui.sent).toMatchObject([{ type: 'replenish', quantity: 4 }, { type: 'input', data: 'BAC-013' }]);
    const keys = activeBindings({ ui: INITIAL_UI, view: SAMPLE_VIEWS['batch-put'] }).map((b) => b.key);
    for (const key of ['!', 'tab', '-', '>']) expect(keys).not.toContain(key);
  });

  it('the help of a line lists the pick keys', async () => {
    tui = renderTui(batchView({ lastShort: 'P-050' }), { columns: 40, rows: 16 });
    await tui.press('?');
    const help = flat(await tui.waitForText('Aide'));
    for (const words of ['qté', 'annuler le scan', 'manquant', 'reporter', 'réappro', 'retour']) expect(help).toContain(words);
  });
});
