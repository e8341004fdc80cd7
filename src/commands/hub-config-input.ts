import { overlay } from './config-layers.js';

/** The `quai hub` flags that can stand for a configuration field (each optional: unset keeps the file's). */
export interface HubFlags {
  db?: string;
  host?: string;
  port?: number;
  tlsCert?: string;
  tlsKey?: string;
  enrol?: string[];
  /** False with `--no-seed`; undefined when the flag was not given. */
  seed?: boolean;
  demoProducts?: number;
  demoOrders?: number;
  logFile?: string;
  erp?: string;
  trytonUrl?: string;
  trytonDb?: string;
  trytonUser?: string;
  trytonPasswordFile?: string;
  trytonPoll?: number;
  metricsPort?: number;
}

/**
 * The configuration document `quai hub` checks (parseHubConfig): the file's object with the flags
 * laid over it (flags win), `dataDir` defaulting to `<data-dir>/hub`. Sections the file does not
 * hold and no flag names stay absent (the schema's defaults apply); `--enrol` adds to the file's list.
 */
export function hubConfigInput(file: Record<string, unknown>, flags: HubFlags, dataDir: string): Record<string, unknown> {
  const section = (key: string, values: Record<string, unknown>) => {
    const value = overlay(file[key], values);
    return value === undefined ? {} : { [key]: value };
  };
  const fileEnrol = Array.isArray(file.enrol) ? file.enrol : [];
  return {
    ...file,
    dataDir: file.dataDir ?? dataDir,
    ...(flags.db && { db: flags.db }),
    ...(flags.logFile && { logFile: flags.logFile }),
    ...(flags.erp && { erp: flags.erp }),
    ...(flags.enrol && Array.isArray(file.enrol ?? []) && { enrol: [...fileEnrol, ...flags.enrol.filter((id) => !fileEnrol.includes(id))] }),
    ...section('listen', { host: flags.host, port: flags.port }),
    ...section('tls', { certFile: flags.tlsCert, keyFile: flags.tlsKey }),
    ...section('demo', { seed: flags.seed, products: flags.demoProducts, orders: flags.demoOrders }),
    ...section('tryton', { url: flags.trytonUrl, database: flags.trytonDb, user: flags.trytonUser, passwordFile: flags.trytonPasswordFile, pollSeconds: flags.trytonPoll }),
    ...section('metrics', { port: flags.metricsPort }),
  };
}
