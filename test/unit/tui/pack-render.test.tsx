import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { AgentLink, LinkSnapshot } from '../../../src/tui/agent-link.js';
import { App } from '../../../src/tui/app.js';
import { createTranslator } from '../../../src/tui/i18n/translate.js';
import { createTheme } from '../../../src/tui/theme.js';
import { waitFor } from '../../helpers/wait-for.js';

function fakeLink(snapshot: LinkSnapshot) {
  const listeners = new Set<(s: LinkSnapshot) => void>();
  const link = {
    current: snapshot,
    subscribe: (l: (s: LinkSnapshot) => void) => (listeners.add(l), () => void listeners.delete(l)),
    send: () => undefined,
    scale: () => undefined,
    reprint: () => undefined,
  };
  return { link: link as unknown as AgentLink, push: (s: LinkSnapshot) => ((link.current = s), listeners.forEach((l) => l(s))) };
}

const status = { station: 'PACK-1', operator: { code: 'OP01', name: 'Marie' }, link: 'online' as const, pending: 0, rejected: 0, loading: null, scale: null, devicesOffline: [] };
const packView = (phase: 'verify' | 'weigh' | 'carrier', check: boolean) => ({
  screen: 'pack' as const,
  order: { id: 'SO1', number: 'CMD-1', customer: 'Camille', address: '1 rue A, 69000 Lyon' },
  phase,
  items: [
    { productCode: 'P1', productName: 'Tasse', quantity: 1, ordered: 1, packed: 0, verified: 1 },
    { productCode: 'P2', productName: 'Stylo', quantity: 1, ordered: 3, packed: 0, verified: 0 },
  ],
  parcelNo: 1,
  boxes: [{ code: 'BOX-S', name: 'Carton S' }],
  box: { code: 'BOX-S', name: 'Carton S' },
  expected: { grams: 750, toleranceGrams: 20, missingWeights: [] },
  check: check ? { expectedGrams: 750, toleranceGrams: 20, measured: '0.752 kg', differenceGrams: 2, pass: true, reason: null, missingWeights: [] } : null,
  override: null,
  carriers: ['colissimo'],
  carrier: null,
});

describe('pack screen', () => {
  it('shows the packer what the picker could not find, with a symbol', () => {
    const { link } = fakeLink({ phase: 'ready', view: packView('verify', false), status, feedback: null });
    const ui = render(<App link={link} t={createTranslator('fr')} theme={createTheme({ NO_COLOR: '1' })} bell={() => undefined} />);
    expect(ui.lastFrame()).toMatch(/✔ P1 1\/1/);
    expect(ui.lastFrame()).toMatch(/⚠ P2 0\/1 \(2 manquant au prélèvement\)/);
    ui.unmount();
  });

  it('re-renders when the agent pushes the weighed parcel', async () => {
    const { link, push } = fakeLink({ phase: 'ready', view: packView('weigh', false), status, feedback: null });
    const ui = render(<App link={link} t={createTranslator('fr')} theme={createTheme({ NO_COLOR: '1' })} bell={() => undefined} />);
    expect(ui.lastFrame()).toContain('posez le colis');
    push({ phase: 'ready', view: packView('weigh', false), status: { ...status, scale: { condition: 'moving', weight: null, unit: null } }, feedback: null });
    await waitFor(() => ui.lastFrame()?.includes('en mouvement'), 'moving scale shown');
    push({ phase: 'ready', view: packView('weigh', false), status: { ...status, scale: { condition: 'stable', weight: '0.752', unit: 'kg' } }, feedback: null });
    push({ phase: 'ready', view: packView('carrier', true), status: { ...status, scale: { condition: 'stable', weight: '0.752', unit: 'kg' } }, feedback: { id: 5, level: 'ok', code: 'PACK_WEIGHT_PASS', params: { measured: '0.752 kg', expected: 750 } } });
    await waitFor(() => ui.lastFrame()?.includes('Poids conforme'), 'the check shown');
    expect(ui.lastFrame()).toContain('CONFORME 0.752 kg');
    ui.unmount();
  });
});
