import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { agentConfigSchema } from '../agent/agent-config.js';
import { hubConfigSchema } from '../hub/hub-config.js';
import { readConfigFile } from '../runtime/config-file.js';
import { ConfigInvalid, jsonPath } from '../runtime/config-issues.js';
import { readPemFile } from '../runtime/pem-file.js';
import { QuaiError } from '../runtime/quai-error.js';
import { readSecretFile } from '../runtime/secret-file.js';
import { CONFIG_WORDS_EN, CONFIG_WORDS_FR, type ConfigWords } from '../runtime/config-words.js';
import { langFromEnv, type Lang } from '../tui/i18n/translate.js';
import { agentStartConfig, agentStartInput, hubStartConfig } from './service-config.js';

export type ConfigKind = 'agent' | 'hub';

/** The outcome of `quai config check`: lines for stdout (OK) or stderr (faults), and the exit code. */
export interface ConfigCheck {
  kind: ConfigKind;
  ok: boolean;
  lines: string[];
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const stringAt = (value: unknown, key: string): string | undefined => (isObject(value) && typeof value[key] === 'string' ? (value[key] as string) : undefined);

/** Each serial device a station names that is not on this machine, as `<json path>: no such device …`. */
function missingDevices(document: Record<string, unknown>, words: ConfigWords): string[] {
  const faults: string[] = [];
  const check = (path: (string | number)[], device: string | undefined) => {
    if (device !== undefined && !existsSync(device)) faults.push(`${jsonPath(path)}: ${words.noDevice(device)}`);
  };
  const stations = isObject(document.stations) ? document.stations : {};
  for (const [name, station] of Object.entries(stations)) {
    if (!isObject(station)) continue;
    const devices = Array.isArray(station.devices) ? station.devices : [];
    devices.forEach((device: unknown, i) => check(['stations', name, 'devices', i, 'serial', 'path'], isObject(device) ? stringAt(device.serial, 'path') : undefined));
    if (isObject(station.printer)) check(['stations', name, 'printer', 'serial', 'path'], stringAt(station.printer.serial, 'path'));
  }
  return faults;
}

/** Why the service would refuse `file` (read as `read` reads it), in the admin's words; undefined when it reads. */
function fileFault(file: string, read: (file: string) => unknown, say: (code: string, path: string) => string | undefined): string | undefined {
  try {
    read(file);
    return undefined;
  } catch (error) {
    const path = resolve(file);
    return (error instanceof QuaiError && say(error.code, path)) || `${path}: ${(error as Error).message}`;
  }
}

/**
 * The secret and PEM files the service reads at start, as it would read them (defaults included:
 * an agent's `hub.tokenFile` is `<data-dir>/hub/agent-tokens/<agentId>` when the file names none),
 * each fault as `<json path>: …` with what to do: the agent's `hub.tokenFile` (missing, open to
 * others, empty) and `hub.caFile`; the hub's `tls.certFile`, `tls.keyFile` and `tryton.passwordFile`.
 */
function fileFaults(document: Record<string, unknown>, kind: ConfigKind, dataDir: string, words: ConfigWords): string[] {
  const faults: string[] = [];
  const check = (path: string[], file: string | undefined, read: 'secret' | 'pem', enrol?: string) => {
    if (file === undefined) return;
    const fault =
      read === 'secret'
        ? fileFault(file, readSecretFile, (code, p) => (code in words.secret ? words.secret[code as keyof ConfigWords['secret']](p, enrol) : undefined))
        : fileFault(file, (f) => readPemFile(f, 'PEM file'), (code, p) => (code === 'TLS_FILE_MISSING' ? words.noFile(p) : code === 'TLS_FILE_NOT_PEM' ? words.notPem(p) : undefined));
    if (fault) faults.push(`${jsonPath(path)}: ${fault}`);
  };
  if (kind === 'agent') {
    const input = agentStartInput(document, { dataDir });
    check(['hub', 'tokenFile'], stringAt(input.hub, 'tokenFile'), 'secret', stringAt(input, 'agentId') ?? 'AGENT-1');
    check(['hub', 'caFile'], stringAt(input.hub, 'caFile'), 'pem');
  } else {
    for (const key of ['certFile', 'keyFile']) check(['tls', key], stringAt(document.tls, key), 'pem');
    check(['tryton', 'passwordFile'], stringAt(document.tryton, 'passwordFile'), 'secret');
  }
  return faults;
}

/**
 * The kind a file is most likely for: the one more of its top-level keys belong to only (agent:
 * `agentId`, `hub`, `stations`…; hub: `erp`, `tryton`, `enrol`, `tls`, `demo`); agent on a tie.
 */
function likelyKind(document: Record<string, unknown>): ConfigKind {
  const agentKeys = Object.keys(agentConfigSchema.shape);
  const hubKeys = Object.keys(hubConfigSchema.shape);
  const keys = Object.keys(document);
  const only = (mine: string[], other: string[]) => keys.filter((k) => mine.includes(k) && !other.includes(k)).length;
  return only(hubKeys, agentKeys) > only(agentKeys, hubKeys) ? 'hub' : 'agent';
}

/** The schema's faults of `file` read as `kind` (none when it passes). */
function schemaFaults(file: string, kind: ConfigKind, dataDir: string, words: ConfigWords): string[] {
  try {
    if (kind === 'agent') agentStartConfig({ config: file, dataDir }, words);
    else hubStartConfig({ config: file, dataDir }, words);
    return [];
  } catch (error) {
    if (error instanceof ConfigInvalid) return [...error.faults];
    throw error;
  }
}

/**
 * `quai config check FILE`: every fault of an agent's or a hub's configuration file, each by its
 * JSON path, as `quai agent|hub --config FILE` would refuse it (with no flags) at once or when it
 * reads its files: the devices it names that are not on this machine, the token, password and PEM
 * files missing, open to other users or empty (defaults included). Without `kind`, the file is checked as the kind
 * more of its top-level keys belong to (agent on a tie), and a refusal says so. Messages follow `lang`.
 * Throws nothing for a bad file (the faults are the result); other faults (unreadable disk) pass.
 */
export function checkConfig(file: string, options: { kind?: ConfigKind; dataDir: string; lang: Lang }): ConfigCheck {
  const words = options.lang === 'fr' ? CONFIG_WORDS_FR : CONFIG_WORDS_EN;
  z.config(options.lang === 'fr' ? z.locales.fr() : z.locales.en());
  const shown = resolve(file);
  let document: Record<string, unknown>;
  try {
    document = readConfigFile(file, words);
  } catch (error) {
    if (!(error instanceof QuaiError) || (error.code !== 'CONFIG_NOT_FOUND' && error.code !== 'CONFIG_INVALID')) throw error;
    const [subject, faults] = error instanceof ConfigInvalid ? [error.subject, error.faults] : [error.message, []];
    return { kind: options.kind ?? 'agent', ok: false, lines: [`${subject} [${error.code}]`, ...faults.map((f) => `  ${f}`)] };
  }
  const kind = options.kind ?? likelyKind(document);
  const faults = [...schemaFaults(file, kind, options.dataDir, words), ...(kind === 'agent' ? missingDevices(document, words) : []), ...fileFaults(document, kind, options.dataDir, words)];
  if (faults.length === 0) return { kind, ok: true, lines: [words.ok(kind, shown)] };
  return { kind, ok: false, lines: [`${shown}: ${words.invalid(kind)} [CONFIG_INVALID]`, ...faults.map((f) => `  ${f}`), ...(options.kind ? [] : [words.guessed(kind)])] };
}

/** `quai config check` as the command line runs it: OK on stdout (exit 0), faults on stderr (exit 1). */
export function runConfigCheck(file: string, opts: { kind?: ConfigKind; dataDir: string; lang?: Lang }): void {
  const result = checkConfig(file, { ...opts, lang: opts.lang ?? langFromEnv(process.env) });
  (result.ok ? process.stdout : process.stderr).write(`${result.lines.join('\n')}\n`);
  if (!result.ok) process.exitCode = 1;
}
