import { barcodesConfig } from '../agent/barcodes-config.js';
import { type RestrictedScan, type VariableMeasureLayout } from '../domain/barcode/variable-measure.js';
import { readConfigFile } from '../runtime/config-file.js';
import { ConfigInvalid, configFaults } from '../runtime/config-issues.js';

/**
 * The layouts `quai barcode parse` reads restricted circulation numbers with: those of an agent
 * configuration file's `barcodes.variableMeasure`, a `--layout` of the same prefix winning.
 * Throws CONFIG_NOT_FOUND or CONFIG_INVALID (naming the field) for a bad file.
 */
export function barcodeLayouts(layouts: readonly VariableMeasureLayout[], configFile?: string): VariableMeasureLayout[] {
  if (!configFile) return [...layouts];
  const document = readConfigFile(configFile);
  const parsed = barcodesConfig.safeParse(document.barcodes);
  if (!parsed.success) throw new ConfigInvalid(`invalid barcodes in ${configFile}`, configFaults(parsed.error.issues.map((i) => ({ ...i, path: ['barcodes', ...i.path] })), document));
  const fromFile = parsed.data.variableMeasure.filter((l) => !layouts.some((given) => given.prefix === l.prefix));
  return [...layouts, ...fromFile];
}

/** One line for a restricted circulation number, read (`variable-measure`) or without a layout. */
export function formatRestrictedScan(scan: Exclude<RestrictedScan, { kind: 'invalid' }>): string {
  if (scan.kind === 'restricted') return `restricted circulation number (prefix ${scan.prefix}), not a GTIN: no layout for it (--layout or --config)`;
  const amount = 'weightGrams' in scan.measure ? `weight ${scan.measure.weightGrams} g` : `price ${scan.measure.priceCents} cents`;
  return `variable measure (prefix ${scan.prefix}): item ${scan.item}, ${amount}, reference ${scan.reference}`;
}
