import { render, type Instance } from 'ink';
import { AgentLink } from './agent-link.js';
import { App } from './app.js';
import { createTranslator, langFromEnv, type Lang } from './i18n/translate.js';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import { keyboardFromEnv } from './keyboard-setting.js';
import { createTheme } from './theme.js';
import { DEFAULT_WEDGE, type WedgeSettings } from './wedge-detector.js';

export interface TuiOptions {
  url: string;
  /** Finds the agent again before each connection (a restarted agent's new port). */
  locate?: () => string | undefined;
  token: string;
  station: string;
  lang?: Lang;
  signInHint?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  wedge?: WedgeSettings;
  /** `--keyboard`: the terminal's layout, over the agent's `wedge.keyboard` and the locale's. */
  keyboard?: KeyboardLayout | undefined;
}

export interface MountedTui {
  link: AgentLink;
  instance: Instance;
}

/** Renders the terminal UI, then connects to the agent (also used by the benchmark with its own streams). */
export function mountTui(options: TuiOptions): MountedTui {
  const link = new AgentLink({ url: options.url, token: options.token, station: options.station, keyboard: options.keyboard, fallbackKeyboard: keyboardFromEnv(process.env), ...(options.locate ? { locate: options.locate } : {}) });
  const stdout = options.stdout ?? process.stdout;
  const t = createTranslator(options.lang ?? langFromEnv(process.env));
  const instance = render(
    <App link={link} wedge={options.wedge ?? DEFAULT_WEDGE} t={t} theme={createTheme(process.env)} bell={() => stdout.write('\x07')} {...(options.signInHint ? { signInHint: options.signInHint } : {})} />,
    // maxFps 0: every change is drawn at once. Ink's default 30 fps cap adds up to 33 ms to a
    // scan's feedback, and its throttle was seen to hold the last frame back until the next key.
    { stdout, ...(options.stdin ? { stdin: options.stdin } : {}), exitOnCtrlC: false, patchConsole: false, maxFps: 0 },
  );
  // after the first frame: the operator sees the terminal (connecting) while the link loads and opens
  link.start();
  return { link, instance };
}

/** Runs the terminal UI until the operator quits (Ctrl+C). */
export async function runTui(options: TuiOptions): Promise<void> {
  const { link, instance } = mountTui(options);
  try {
    await instance.waitUntilExit();
  } finally {
    link.close();
  }
}
