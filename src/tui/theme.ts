/** Semantic colours and symbols. Every state has a symbol, so meaning survives NO_COLOR and mono screens. */
export interface Theme {
  ok?: string;
  error?: string;
  info?: string;
  accent?: string;
  dim?: string;
  symbols: { ok: string; error: string; info: string; warn: string; online: string; offline: string; pointer: string; sync: string };
}

const symbols = { ok: '✔', error: '✖', info: '●', warn: '⚠', online: '●', offline: '○', pointer: '▶', sync: '⟳' };

export function createTheme(env: NodeJS.ProcessEnv): Theme {
  // https://no-color.org: any non-empty NO_COLOR turns colour off
  if (env.NO_COLOR) return { symbols };
  return { ok: 'green', error: 'red', info: 'cyan', accent: 'yellow', dim: 'gray', symbols };
}
