import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { StatusBar } from '../../../src/tui/components/status-bar.js';
import { MenuScreen } from '../../../src/tui/screens/menu-screen.js';
import { createTranslator } from '../../../src/tui/i18n/translate.js';
import { createTheme } from '../../../src/tui/theme.js';

const status = { station: 'PICK-1', operator: { code: 'OP01', name: 'Marie' }, link: 'online' as const, pending: 3, rejected: 0, loading: null, scale: null, devicesOffline: [] };
const bar = (overrides: Partial<typeof status> | Record<string, unknown>, lang: 'fr' | 'en' = 'fr') =>
  render(<StatusBar status={{ ...status, ...overrides } as typeof status} t={createTranslator(lang)} theme={createTheme({ NO_COLOR: '1' })} compact={false} />).lastFrame() ?? '';

describe('status bar', () => {
  it('shows a catalog loading with its progress, in words and a symbol', () => {
    expect(bar({ loading: { stream: 'catalog', done: 45_000, total: 100_000 } })).toContain('⟳ catalogue 45 %');
    expect(bar({ loading: { stream: 'catalog', done: 1, total: 3 } }, 'en')).toContain('⟳ catalog 33%');
    expect(bar({})).not.toContain('⟳');
  });

  it('shows rejected events to the supervisor with a warning symbol', () => {
    expect(bar({ rejected: 2 })).toMatch(/⚠ 2 rejeté/);
  });
});

describe('menu banner', () => {
  it('tells everyone on the menu that the ERP rejected events, for a supervisor to look at', () => {
    const menu = (rejected: number) => render(<MenuScreen pausedOrder={null} pausedPack={null} rejected={rejected} selected={0} t={createTranslator('fr')} theme={createTheme({ NO_COLOR: '1' })} />).lastFrame() ?? '';
    expect(menu(3)).toMatch(/⚠ 3 événement\(s\) rejeté\(s\) par l’ERP/);
    expect(menu(3)).toMatch(/6 Se déconnecter/);
    expect(menu(0)).not.toMatch(/rejeté/);
  });
});
