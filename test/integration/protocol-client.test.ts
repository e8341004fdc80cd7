// A terminal client written from docs/protocol.md and docs/schema/*.json alone: it imports no src/
// code (only the test helper that starts a site), checks every frame both ways against the
// generated JSON Schema with the small checker below, and finishes a pick, a pack, a receipt and a
// count over quai-local/1 the way the document says a client does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useSites } from '../helpers/site.js';
import { useTempDirs } from '../helpers/temp-dir.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Frame = { type: string; [key: string]: Json };
type View = { screen: string; [key: string]: Json };
interface Feedback { level: 'ok' | 'info' | 'error'; code: string; params?: Record<string, string | number> }

const schemaDir = join(import.meta.dirname, '..', '..', 'docs', 'schema');
const clientSchema = JSON.parse(readFileSync(join(schemaDir, 'quai-local-1.client-to-agent.json'), 'utf8')) as Json;
const agentSchema = JSON.parse(readFileSync(join(schemaDir, 'quai-local-1.agent-to-client.json'), 'utf8')) as Json;

/**
 * The JSON Schema keywords docs/schema uses (type, const, enum, properties, required,
 * additionalProperties, anyOf, oneOf, items, the bounds, pattern, propertyNames; `format` is not
 * checked): the first violation's path and what is wrong, or null.
 */
function violation(schema: Json, value: Json, path = '$'): string | null {
  if (schema === false) return `${path}: not allowed`;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return null;
  const s = schema as Record<string, Json>;
  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? s.type : [s.type];
    const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const ok = types.some((t) => t === typeOf || (t === 'integer' && Number.isInteger(value)));
    if (!ok) return `${path}: ${JSON.stringify(value)} is not ${types.join('|')}`;
  }
  if (s.const !== undefined && s.const !== value) return `${path}: ${JSON.stringify(value)} is not ${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum) && !s.enum.includes(value as string)) return `${path}: ${JSON.stringify(value)} not in ${JSON.stringify(s.enum)}`;
  if (typeof value === 'number') {
    if (typeof s.minimum === 'number' && value < s.minimum) return `${path}: below ${s.minimum}`;
    if (typeof s.maximum === 'number' && value > s.maximum) return `${path}: above ${s.maximum}`;
    if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) return `${path}: not above ${s.exclusiveMinimum}`;
  }
  if (typeof value === 'string') {
    if (typeof s.minLength === 'number' && [...value].length < s.minLength) return `${path}: shorter than ${s.minLength}`;
    if (typeof s.maxLength === 'number' && [...value].length > s.maxLength) return `${path}: longer than ${s.maxLength}`;
    if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) return `${path}: does not match ${s.pattern}`;
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === 'number' && value.length < s.minItems) return `${path}: fewer than ${s.minItems} items`;
    if (typeof s.maxItems === 'number' && value.length > s.maxItems) return `${path}: more than ${s.maxItems} items`;
    if (s.items !== undefined) for (const [i, item] of value.entries()) {
      const wrong = violation(s.items, item, `${path}[${i}]`);
      if (wrong) return wrong;
    }
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (s.properties ?? {}) as Record<string, Json>;
    for (const [key, item] of Object.entries(value)) {
      if (key in properties) {
        const wrong = violation(properties[key]!, item, `${path}.${key}`);
        if (wrong) return wrong;
      } else if (s.additionalProperties !== undefined) {
        const wrong = violation(s.additionalProperties, item, `${path}.${key}`);
        if (wrong) return wrong;
      }
      if (s.propertyNames !== undefined) {
        const wrong = violation(s.propertyNames, key, `${path} key ${key}`);
        if (wrong) return wrong;
      }
    }
    // after the values, so a union's branch of another `type` fails on its `type`
    for (const key of (s.required ?? []) as string[]) if (!(key in value)) return `${path}: ${key} missing`;
  }
  for (const keyword of ['anyOf', 'oneOf'] as const) {
    const branches = s[keyword];
    if (!Array.isArray(branches)) continue;
    const failures = branches.map((branch) => violation(branch, value, path));
    const passed = failures.filter((f) => f === null).length;
    if (passed === 0 || (keyword === 'oneOf' && passed > 1)) {
      // the branch of a discriminated union says more than "none matched"
      const typed = failures.find((f) => f !== null && !f.startsWith(`${path}.type: `));
      return passed === 0 ? (typed ?? `${path}: matches none of ${keyword}`) : `${path}: matches ${passed} of oneOf`;
    }
  }
  return null;
}

/** A quai-local/1 terminal: says hello with a station, sends intents, matches results by id. */
class Terminal {
  readonly frames: Frame[] = [];
  /** The first frame the agent sent outside docs/schema, said at the next wait. */
  private outside: string | undefined;
  private nextId = 1;
  private wake: () => void = () => {};

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      const wrong = violation(agentSchema, frame);
      if (wrong) this.outside ??= `the agent sent a frame outside docs/schema: ${wrong}\n${JSON.stringify(frame)}`;
      this.frames.push(frame);
      this.wake();
    });
  }

  static async open(port: number, token: string, station: string): Promise<Terminal> {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, 'quai-local.1');
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const terminal = new Terminal(ws);
    terminal.send({ type: 'hello', token, station });
    const welcome = await terminal.next(0, (f) => f.type === 'welcome' || f.type === 'error');
    expect(welcome).toMatchObject({ type: 'welcome', station });
    await terminal.next(0, (f) => f.type === 'view');
    return terminal;
  }

  /** The latest view received: what the terminal shows. */
  get view(): View {
    return this.frames.findLast((f) => f.type === 'view')!.view as View;
  }

  /**
   * Sends an intent; resolves with its result's feedback (null: navigation) once the view that
   * follows the result (the first view after it reflects the intent) has come.
   */
  async act(intent: Frame): Promise<Feedback | null> {
    const id = String(this.nextId++);
    const seen = this.frames.length;
    this.send({ type: 'intent', id, intent });
    const answer = await this.next(seen, (f) => (f.type === 'result' || f.type === 'error') && f.id === id);
    if (answer.type === 'error') throw new Error(`error ${String(answer.code)} for ${intent.type}: ${String(answer.message)}`);
    await this.next(this.frames.indexOf(answer) + 1, (f) => f.type === 'view');
    return answer.feedback as unknown as Feedback | null;
  }

  /** `act`, expecting a feedback of that code (and level, when given). */
  async expect(intent: Frame, code: string, level?: Feedback['level']): Promise<Feedback> {
    const feedback = await this.act(intent);
    expect(feedback, `${intent.type} on ${this.view.screen}`).toMatchObject({ code, ...(level && { level }) });
    return feedback!;
  }

  /** Sends a frame as it is, unchecked (what a broken client would send); resolves with the agent's error frame for it. */
  async sendBroken(text: string): Promise<Frame> {
    const seen = this.frames.length;
    this.ws.send(text);
    return this.next(seen, (f) => f.type === 'error');
  }

  scan(data: string): Frame {
    return { type: 'input', data, source: 'wedge' };
  }

  close(): void {
    this.ws.close();
  }

  private send(frame: Frame): void {
    const wrong = violation(clientSchema, frame);
    if (wrong) throw new Error(`this client would send a frame outside docs/schema: ${wrong}`);
    this.ws.send(JSON.stringify(frame));
  }

  /** The first frame from index `from` on that passes `test`, waiting for it (10 s at most). */
  private next(from: number, test: (frame: Frame) => boolean): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no such frame in 10 s; last: ${JSON.stringify(this.frames.at(-1))}`)), 10_000);
      this.wake = () => {
        if (this.outside) {
          clearTimeout(timer);
          reject(new Error(this.outside));
          return;
        }
        const found = this.frames.slice(from).find(test);
        if (!found) return;
        clearTimeout(timer);
        resolve(found);
      };
      this.wake();
    });
  }
}

// What the demo site's goods carry on their labels (docs/protocol.md, "Worked examples"): the
// scanner reads these off the boxes; a lot-tracked product's label is a GS1 element string.
const EAN = { P000001: '3761000000007', P000006: '3761000000052' } as const;
const GTIN = { P000011: '03761000000106', P000053: '03761000000526' } as const;
const gs1 = (gtin: string, lot: string, expiry?: string) => `(01)${gtin}(10)${lot}${expiry ? `(17)${expiry}` : ''}`;

const tempDir = useTempDirs();
const startSite = useSites(tempDir);

describe('an independent quai-local/1 client, from docs/protocol.md and docs/schema only', () => {
  it("checks frames against the schema files (the checker refuses what they refuse)", () => {
    expect(violation(agentSchema, { type: 'result', id: '7', feedback: null })).toBeNull();
    expect(violation(agentSchema, { type: 'result', id: 7, feedback: null })).toMatch(/\$\.id/);
    expect(violation(agentSchema, { type: 'view', view: { screen: 'signin' }, status: null, feedback: null })).toMatch(/status/);
    expect(violation(agentSchema, { type: 'welcome' })).toMatch(/agentId missing/);
    expect(violation(clientSchema, { type: 'intent', id: '1', intent: { type: 'quantity', quantity: 1.5 } })).toMatch(/quantity/);
    expect(violation(clientSchema, { type: 'intent', id: '1', intent: { type: 'override', supervisor: 'SUP1', pin: '1234', reason: 'because' } })).toMatch(/reason/);
    expect(violation(clientSchema, { type: 'intent', id: '1', intent: { type: 'teleport' } })).not.toBeNull();
  });

  it('finishes a pick, packs and ships it with a typed weight, receives a delivery and closes a count', async () => {
    const site = await startSite();
    const port = site.agent.port;

    // --- pick: the first order of the list, each line by its bin, (its lot), its barcode, its quantity
    const picker = await Terminal.open(port, site.apiToken, 'PICK-1');
    expect(picker.view.screen).toBe('signin');
    // a frame outside the schema: refused with the request's id, nothing done (docs: "Errors and closes")
    const refused = await picker.sendBroken(JSON.stringify({ type: 'intent', id: 'bad-1', intent: { type: 'quantity', quantity: 1.5 } }));
    expect(refused).toMatchObject({ type: 'error', code: 'BAD_MESSAGE', id: 'bad-1' });
    expect(refused.message).toMatch(/intent\.quantity/);
    await picker.expect(picker.scan('OP01'), 'SIGNED_IN', 'ok');
    expect(picker.view.screen).toBe('menu');
    expect(await picker.act({ type: 'menu', choice: 'pick' })).toBeNull();
    const orders = picker.view.orders as { id: string; number: string }[];
    const order = orders[0]!;
    await picker.expect({ type: 'open-order', orderId: order.id }, 'PICK_STARTED');
    /** Each product's unit barcode, as the pick view gave it: the packer scans the same goods. */
    const barcodes = new Map<string, string>();
    for (let step = 0; picker.view.screen === 'pick'; step++) {
      expect(step, 'the pick ends').toBeLessThan(100);
      const view = picker.view as View & { line: { location: string; productCode: string; barcode: string | null; quantity: number; picked: number }; lots: { inBin: { lot: string }[]; current: string | null } | null };
      if (view.phase === 'empty-check') await picker.expect({ type: 'empty-check', remaining: 0 }, 'PICK_BIN_EMPTY');
      else if (view.phase === 'location') await picker.expect(picker.scan(view.line.location), 'PICK_LOCATION_OK', 'ok');
      else if (view.lots && view.lots.current === null) await picker.expect({ type: 'lot', lot: view.lots.inBin[0]!.lot }, 'PICK_LOT_OK');
      else if (view.line.picked === 0) {
        expect(view.line.barcode, `a unit barcode for ${view.line.productCode}`).not.toBeNull();
        barcodes.set(view.line.productCode, view.line.barcode!);
        const feedback = await picker.act(picker.scan(view.line.barcode!));
        expect(['PICK_QTY_ADDED', 'PICK_LINE_DONE', 'PICK_ORDER_DONE', 'PICK_EMPTY_CHECK']).toContain(feedback?.code);
      } else await picker.act({ type: 'quantity', quantity: view.line.quantity });
    }
    expect(picker.view).toMatchObject({ screen: 'pick-done', order: { number: order.number } });
    expect((picker.view.lines as { status: string }[]).every((l) => l.status === 'picked')).toBe(true);
    await picker.expect({ type: 'finish' }, 'PICK_ORDER_DONE', 'info');
    expect(picker.view.screen).toBe('pick-orders');

    // --- pack: the order just picked, every unit verified, a box, a weight typed (no scale here), a carrier, a tracking number
    const packer = await Terminal.open(port, site.apiToken, 'PACK-1');
    await packer.expect(packer.scan('OP02'), 'SIGNED_IN');
    await packer.act({ type: 'menu', choice: 'pack' });
    expect(packer.view.screen).toBe('pack-orders');
    expect((packer.view.orders as { id: string }[]).map((o) => o.id)).toContain(order.id);
    await packer.expect({ type: 'open-pack-order', orderId: order.id }, 'PACK_STARTED', 'ok');
    for (const item of packer.view.items as { productCode: string; quantity: number }[])
      for (let unit = 0; unit < item.quantity; unit++) await packer.expect(packer.scan(barcodes.get(item.productCode)!), 'PACK_ITEM_OK');
    await packer.expect({ type: 'close-box' }, 'PACK_STARTED', 'info');
    expect(packer.view.phase).toBe('box');
    const boxes = packer.view.boxes as { code: string }[];
    // the largest box (listed by tare), so the parcel is within its maximum load
    await packer.act({ type: 'box', code: boxes.at(-1)!.code });
    expect(packer.view).toMatchObject({ phase: 'weigh', typedWeight: 'yes' });
    const expected = packer.view.expected as { grams: number; missingWeights: string[] };
    expect(expected.missingWeights).toEqual([]);
    await packer.expect({ type: 'manual-weight', typed: `${Math.round(expected.grams)} g` }, 'PACK_WEIGHT_PASS', 'ok');
    expect(packer.view).toMatchObject({ phase: 'carrier', check: { pass: true, weightSource: 'manual' } });
    await packer.expect({ type: 'carrier', carrier: (packer.view.carriers as string[])[0]! }, 'PACK_CARRIER_CHOSEN');
    await packer.expect(packer.scan('TRK12345678'), 'PACK_ORDER_SHIPPED', 'ok');
    expect(packer.view).toMatchObject({ screen: 'pack-done', parcels: [{ parcelNo: 1, weightSource: 'manual', tracking: 'TRK12345678' }] });
    expect(await packer.act({ type: 'finish' })).toBeNull();
    expect(packer.view.screen).toBe('pack-orders');

    // --- receipt: ACH-2001, two lines received (one with a damaged unit), a lot-tracked one by its GS1 label, the third short, closed
    const receiver = await Terminal.open(port, site.apiToken, 'REC-1');
    await receiver.expect(receiver.scan('OP03'), 'SIGNED_IN');
    await receiver.act({ type: 'menu', choice: 'receive' });
    expect((receiver.view.receipts as { number: string }[]).map((r) => r.number)).toContain('ACH-2001');
    await receiver.expect({ type: 'open-receipt', ref: 'ACH-2001' }, 'RECEIVE_STARTED', 'ok');
    expect(receiver.view).toMatchObject({ screen: 'receive', phase: 'scan', receipt: { number: 'ACH-2001', blind: false } });
    const putAway = async (label: string, quantity: number) => {
      await receiver.expect(receiver.scan(label), 'RECEIVE_PUTAWAY', 'ok');
      await receiver.expect({ type: 'quantity', quantity }, 'RECEIVE_PUTAWAY', 'info');
      const pending = receiver.view.pending as { quantity: number; suggested: string | null };
      expect(pending.quantity).toBe(quantity);
      expect(pending.suggested).not.toBeNull();
      return pending.suggested!;
    };
    const bin = await putAway(EAN.P000001, 12);
    await receiver.expect({ type: 'damaged', quantity: 1, reason: 'crushed' }, 'RECEIVE_DAMAGED', 'info');
    await receiver.expect(receiver.scan(bin), 'RECEIVE_PUT_AWAY', 'ok');
    await receiver.expect(receiver.scan(gs1(GTIN.P000011, 'L27001', '281231')), 'RECEIVE_PUTAWAY', 'ok');
    await receiver.expect({ type: 'quantity', quantity: 36 }, 'RECEIVE_PUTAWAY', 'info');
    await receiver.expect(receiver.scan((receiver.view.pending as { suggested: string }).suggested), 'RECEIVE_PUT_AWAY');
    expect(receiver.view.lines).toEqual(expect.arrayContaining([expect.objectContaining({ productCode: 'P000001', received: 11, damaged: 1 }), expect.objectContaining({ productCode: 'P000011', received: 36 })]));
    const closed = await receiver.expect({ type: 'close' }, 'RECEIVE_CLOSED', 'ok');
    // P000006's 24 units never came
    expect(closed.params).toMatchObject({ receipt: 'ACH-2001', missing: 24 });
    expect(receiver.view.phase).toBe('done');
    expect(await receiver.act({ type: 'finish' })).toBeNull();
    expect(receiver.view.screen).toBe('receive-list');

    // --- count: INV-3001, a bin; what the books hold there read on the look-up screen first, then counted and confirmed, closed
    const counter = await Terminal.open(port, site.apiToken, 'INV-1');
    await counter.expect(counter.scan('OP01'), 'SIGNED_IN');
    await counter.act({ type: 'menu', choice: 'count' });
    const task = (counter.view.tasks as { id: string; scope: string; target: string }[]).find((t) => t.id === 'INV-3001')!;
    expect(task.scope).toBe('location');
    await counter.act({ type: 'back' });
    await counter.act({ type: 'menu', choice: 'lookup' });
    expect(await counter.act(counter.scan(task.target))).toBeNull();
    const levels = counter.view.levels as { productCode: string; lot: string; onHand: number }[];
    expect(levels.length).toBeGreaterThan(0);
    await counter.act({ type: 'back' });
    await counter.act({ type: 'menu', choice: 'count' });
    await counter.expect({ type: 'open-count', taskId: task.id }, 'COUNT_STARTED', 'ok');
    expect(counter.view).toMatchObject({ screen: 'count', phase: 'location', blind: true });
    await counter.expect(counter.scan(task.target), 'COUNT_LOCATION', 'ok');
    for (const level of levels) {
      const label = level.lot ? gs1(GTIN[level.productCode as keyof typeof GTIN], level.lot) : EAN[level.productCode as keyof typeof EAN];
      expect(label, `the label of ${level.productCode}`).toBeDefined();
      await counter.expect(counter.scan(label), 'COUNT_UNIT', 'ok');
      await counter.expect({ type: 'quantity', quantity: level.onHand }, 'COUNT_UNIT', 'info');
      expect(counter.view.pending).toMatchObject({ productCode: level.productCode, quantity: level.onHand, expected: null });
      await counter.expect({ type: 'confirm-line' }, 'COUNT_LINE_DONE', 'ok');
    }
    expect(counter.view).toMatchObject({ uncounted: 0 });
    await counter.expect({ type: 'close' }, 'COUNT_CLOSED', 'ok');
    expect(counter.view.phase).toBe('done');
    expect(await counter.act({ type: 'finish' })).toBeNull();
    expect(counter.view.screen).toBe('count-list');
    for (const terminal of [picker, packer, receiver, counter]) terminal.close();
  });
});
