import { render } from 'ink';
import { AgentLink } from './agent-link.js';
import { App } from './app.js';
import { createTranslator, langFromEnv, type Lang } from './i18n/translate.js';
import { createTheme } from './theme.js';

export interface TuiOptions {
  url: string;
  token: string;
  station: string;
  lang?: Lang;
  signInHint?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

/** Runs the terminal UI until the operator quits (Ctrl+C). */
export async function runTui(options: TuiOptions): Promise<void> {
  const link = new AgentLink({ url: options.url, token: options.token, station: options.station });
  const stdout = options.stdout ?? process.stdout;
  const t = createTranslator(options.lang ?? langFromEnv(process.env));
  link.start();
  const instance = render(
    <App link={link} t={t} theme={createTheme(process.env)} bell={() => stdout.write('\x07')} {...(options.signInHint ? { signInHint: options.signInHint } : {})} />,
    { stdout, ...(options.stdin ? { stdin: options.stdin } : {}), exitOnCtrlC: true, patchConsole: false, maxFps: 120 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    link.close();
  }
}
