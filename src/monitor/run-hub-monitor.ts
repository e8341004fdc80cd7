import blessed from 'blessed';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { hubMonitorMessages } from './hub-monitor-messages.js';
import { hubMainScreen, rowKept, hubSiteScreen, paintLine, siteScrollMax, type HubMonitorData, type HubMonitorState, type ViewContext } from './hub-monitor-view.js';

export interface HubMonitorOptions {
  /** Reads the hub (its store, through the command layer); throws when the store does not answer. */
  source: () => Promise<HubMonitorData>;
  lang?: Lang;
  /** How often the hub is read again (ms), 2 s by default. */
  intervalMs?: number;
}

/**
 * `quai hub monitor`: every site at a glance from the hub's store, read again every `intervalMs`:
 * each agent's link, last event, backlog and rejected events, the ERP link, each site's figures of
 * its own today; Enter opens a site (its operators, sparklines per hour). Keys: ↑/↓, Enter,
 * Esc/Backspace, ?, q. A read that fails (the store unreachable) is said on the last line with a
 * bell, the last figures stay, and the next read is tried on time.
 */
export async function runHubMonitor(options: HubMonitorOptions): Promise<void> {
  const m = hubMonitorMessages(options.lang ?? langFromEnv(process.env));
  const intervalMs = options.intervalMs ?? 2000;
  const color = !process.env.NO_COLOR;
  const screen = blessed.screen({ smartCSR: true, title: 'quai hub monitor', fullUnicode: true, forceUnicode: true, ...(color ? {} : { style: {} }) });
  // the screen's characters as they are (UTF-8): blessed would otherwise switch ─ and · to the
  // terminal's line-drawing set, which some terminals and tmux's captures show as q and ~
  (screen as unknown as { tput: { brokenACS: boolean } }).tput.brokenACS = true;
  // lines are laid out to the width already: blessed's own wrapping would break a full-width line
  // that starts with a tag (the chosen row, drawn inverse) onto a second line
  const box = blessed.box({ parent: screen, top: 0, left: 0, width: '100%', height: '100%', tags: true, wrap: false });
  const state: HubMonitorState = { selected: 0, screen: 'main', scroll: 0, help: false, error: null };
  let data: HubMonitorData | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const size = () => ({ columns: screen.width as number, rows: screen.height as number });
  const context = (): ViewContext => ({ m, now: Date.now(), intervalMs });
  const chosenSite = () => data?.agents[state.selected]?.siteId;
  const render = () => {
    const site = chosenSite();
    const lines = state.screen === 'site' && data && site ? hubSiteScreen(data, site, state, size(), context()) : hubMainScreen(data, state, size(), context());
    box.setContent(lines.map((line) => paintLine(line, color)).join('\n'));
    screen.render();
  };

  const refresh = async () => {
    try {
      const next = await options.source();
      state.selected = rowKept(data, next, state.selected);
      data = next;
      state.error = null;
    } catch (error) {
      // the bell once when the store goes away, not at every try
      if (state.error === null) process.stdout.write('\x07');
      state.error = (error as Error).message.split('\n')[0] ?? 'unknown';
    }
    if (stopped) return;
    render();
    timer = setTimeout(() => void refresh(), intervalMs);
  };

  const move = (step: number) => {
    if (state.screen === 'site') {
      const site = chosenSite();
      const max = data && site ? siteScrollMax(data, site, size(), m) : 0;
      state.scroll = Math.max(0, Math.min(max, state.scroll + step));
    } else state.selected = Math.max(0, Math.min((data?.agents.length ?? 1) - 1, state.selected + step));
    render();
  };

  return new Promise((resolve) => {
    const quit = () => {
      stopped = true;
      clearTimeout(timer);
      screen.destroy();
      resolve();
    };
    screen.key(['q', 'C-c'], quit);
    screen.key(['up', 'k'], () => move(-1));
    screen.key(['down', 'j'], () => move(1));
    screen.key(['enter'], () => {
      if (!chosenSite()) return;
      Object.assign(state, { screen: 'site', scroll: 0, help: false });
      render();
    });
    screen.key(['escape', 'backspace'], () => {
      if (state.help) state.help = false;
      else Object.assign(state, { screen: 'main', scroll: 0 });
      render();
    });
    screen.key(['?'], () => {
      state.help = !state.help;
      render();
    });
    screen.on('resize', render);
    render();
    void refresh();
  });
}
