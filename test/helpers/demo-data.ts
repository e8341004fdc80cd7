import { DEMO_BOX_TYPES, DEMO_DEFAULTS, generateDemoData } from '../../src/hub/adapters/embedded/demo-data.js';

/** The demo site's data, as the site the e2e tests start has it. */
export const demoData = generateDemoData(DEMO_DEFAULTS);
/** A product's unit GTIN-14, as the catalog holds it. */
export const gtinOf = (productCode: string) => demoData.barcodes.find((b) => b.productCode === productCode && b.multiple === 1)!.code;
/** A product's unit EAN-13 as a scanner sends it (the GTIN-14 without its leading 0). */
export const eanOf = (productCode: string) => gtinOf(productCode).slice(1);
/** A product's weight in the ERP (g), null when it has none. */
export const weightOf = (productCode: string) => demoData.products.find((p) => p.code === productCode)!.weightGrams;
/** The demo's weighed cheese (sold by the piece, each label giving its weight) and its order of its own, after the generated ones. */
export const cheese = demoData.products.find((p) => p.name.startsWith('Comté'))!;
export const cheeseOrder = demoData.orders.find((o) => o.lines.some((l) => l.productCode === cheese.code))!;
/** The generated orders, the weighed goods' one left out. */
export const generatedOrders = demoData.orders.filter((o) => o !== cheeseOrder);
/** Orders whose every product has a weight in the ERP: their parcels can pass a weight check. */
export const weighableOrders = demoData.orders.filter((o) => o.lines.every((l) => weightOf(l.productCode) !== null));
export type DemoOrder = (typeof weighableOrders)[number];
export const boxS = DEMO_BOX_TYPES.find((b) => b.code === 'BOX-S')!;
/** What a parcel of the whole order in box BOX-S should weigh (g). */
export const expectedGrams = (order: DemoOrder) => order.lines.reduce((g, l) => g + weightOf(l.productCode)! * l.quantity, 0) + boxS.tareGrams;
