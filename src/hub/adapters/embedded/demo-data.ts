import { withCheckDigit } from '../../../domain/barcode/check-digit.js';
import { referenceCode, type VariableMeasureLayout } from '../../../domain/barcode/variable-measure.js';
import type { BoxType, Location, Operator, Product, ProductBarcode } from '../../../domain/catalog.js';
import { locationCode } from '../../../domain/location-walk.js';
import { demoDispatch, type OrderDispatch } from './demo-dispatch.js';

/** A small deterministic PRNG (mulberry32): the same seed always makes the same warehouse. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILIES: { family: string; items: string[]; variants: string[]; grams: [number, number] }[] = [
  { family: 'ecriture', items: ['Stylo bille', 'Surligneur', 'Feutre fin', 'Crayon graphite', 'Marqueur effaçable'], variants: ['bleu', 'noir', 'rouge', 'vert', 'jaune', 'rose'], grams: [8, 30] },
  { family: 'papeterie', items: ['Carnet A5 ligné', 'Cahier 96 pages', 'Bloc-notes A4', 'Agenda 2027', 'Classeur 4 anneaux'], variants: ['kraft', 'bleu marine', 'rouge', 'gris', 'vert sapin'], grams: [120, 650] },
  { family: 'vaisselle', items: ['Tasse céramique 33 cl', 'Bol grès 50 cl', 'Assiette plate 27 cm', 'Verre à eau 25 cl', 'Théière fonte 1 L'], variants: ['blanc', 'anthracite', 'terracotta', 'bleu canard', 'sable'], grams: [220, 1400] },
  { family: 'cosmetique', items: ['Savon surgras 100 g', 'Shampooing solide', 'Crème mains 50 ml', 'Baume lèvres', 'Huile sèche 100 ml'], variants: ['lavande', 'amande', 'fleur d’oranger', 'verveine', 'sans parfum'], grams: [15, 180] },
  { family: 'jeux', items: ['Puzzle 500 pièces', 'Jeu de cartes', 'Peluche ours 30 cm', 'Balle en mousse', 'Corde à sauter'], variants: ['classique', 'édition nature', 'couleurs vives', 'pastel'], grams: [60, 900] },
  { family: 'electronique', items: ['Câble USB-C 1 m', 'Chargeur secteur 20 W', 'Écouteurs filaires', 'Souris sans fil', 'Hub USB 4 ports'], variants: ['noir', 'blanc', 'gris'], grams: [40, 250] },
  { family: 'epicerie', items: ['Thé vert 100 g', 'Café moulu 250 g', 'Chocolat noir 70 % 100 g', 'Miel de fleurs 250 g', 'Confiture abricot 370 g'], variants: ['bio', 'équitable', 'classique'], grams: [110, 520] },
];

const STREETS = ['12 rue des Lilas, 69003 Lyon', '4 avenue Jean Jaurès, 33000 Bordeaux', '27 boulevard Carnot, 59000 Lille', '8 place du Marché, 44000 Nantes', '15 rue de la République, 13001 Marseille', '3 impasse des Tilleuls, 67000 Strasbourg', '41 quai de la Loire, 75019 Paris'];

const CUSTOMERS = ['Camille Laurent', 'Hugo Moreau', 'Boutique Les Jolies Choses', 'Léa Girard', 'Nicolas Roux', 'Papeterie du Marché', 'Inès Fontaine', 'Thomas Blanc', 'Épicerie Fine Sud', 'Chloé Garnier', 'Maxime Chevalier', 'Atelier Nordique', 'Sarah Lambert', 'Julien Mercier'];

export interface DemoOrder extends OrderDispatch {
  id: string;
  number: string;
  customer: string;
  address: string;
  lines: { lineId: string; productCode: string; locationCode: string; quantity: number }[];
}

export interface DemoData {
  products: Product[];
  barcodes: ProductBarcode[];
  locations: Location[];
  operators: Operator[];
  boxTypes: BoxType[];
  homeLocation: Map<string, string>;
  orders: DemoOrder[];
  lastPriceCents: Map<string, number>;
  stock: { productCode: string; locationCode: string; lot: string; expiry: string | null; quantity: number }[];
  receipts: { id: string; number: string; supplier: string; sscc: string | null; lines: { productCode: string; quantity: number }[] }[];
  countTasks: { id: string; scope: 'location' | 'zone' | 'product'; target: string }[];
}

export interface DemoOptions {
  products: number;
  orders: number;
  seed: number;
}

export const DEMO_DEFAULTS: DemoOptions = { products: 240, orders: 24, seed: 2026 };

/** The people who sign in to the demo; OP01 is printed on the demo's screen. */
export const DEMO_OPERATORS: Operator[] = [
  { code: 'OP01', name: 'Marie Dubois', badge: 'B1001', role: 'operator' },
  { code: 'OP02', name: 'Karim Benali', badge: 'B1002', role: 'operator' },
  { code: 'OP03', name: 'Lucie Martin', badge: 'B1003', role: 'operator' },
  { code: 'SUP1', name: 'Paul Lefèvre', badge: 'B9001', role: 'supervisor' },
];

/** The demo supervisor's override PIN (printed in the README's demo notes). */
export const DEMO_SUPERVISOR_PIN = '1234';

/** Boxes and envelopes of a small e-commerce packing bench. */
export const DEMO_BOX_TYPES: BoxType[] = [
  { code: 'ENV-B', name: 'Enveloppe bulle', tareGrams: 30, maxGrams: 1000, tolerance: { absoluteGrams: 10, percent: 5 } },
  { code: 'BOX-S', name: 'Carton S 25×20×10', tareGrams: 120, maxGrams: 5000, tolerance: null },
  { code: 'BOX-M', name: 'Carton M 35×25×20', tareGrams: 260, maxGrams: 10000, tolerance: null },
  { code: 'BOX-L', name: 'Carton L 50×40×30', tareGrams: 450, maxGrams: 20000, tolerance: null },
];

/**
 * The demo's weighed goods: the cheese counter's scale prints EAN-13 `24` + item (5 digits) +
 * net weight in grams (5 digits) + check digit, e.g. `2406024003177` = item 06024, 317 g. The
 * demo agent's configuration has this layout (`barcodes.variableMeasure`).
 */
export const DEMO_WEIGHT_LAYOUT: VariableMeasureLayout = { prefix: '24', itemDigits: 5, valueDigits: 5, value: 'weight-g', priceCheck: false };
/** The item reference of the demo's weighed cheese, sold by the piece (each label gives its weight). */
export const DEMO_WEIGHED_ITEM = '06024';

/**
 * A cheese cut to order and sold by the piece, about 320 g: its catalog code is its layout's
 * reference (weight digits zeroed), each piece's label carries its own weight. Two pieces make a
 * new order of their own after the generated ones (CMD-1025 by default), appended after every
 * random draw: every other product and order of the demo stays the same.
 */
function addWeighedGoods(data: Pick<DemoData, 'products' | 'barcodes' | 'homeLocation' | 'lastPriceCents' | 'stock' | 'orders'>, locations: Location[]): void {
  const code = `P${String(data.products.length + 1).padStart(6, '0')}`;
  const home = locations[locations.length - 1]!.code;
  data.products.push({ code, name: 'Comté AOP 18 mois à la coupe', unit: 'pce', weightGrams: 320, family: 'fromagerie', lotTracked: false, homeLocation: home });
  data.barcodes.push({ code: referenceCode(DEMO_WEIGHT_LAYOUT, DEMO_WEIGHED_ITEM), productCode: code, multiple: 1 });
  data.homeLocation.set(code, home);
  data.lastPriceCents.set(code, 790);
  data.stock.push({ productCode: code, locationCode: home, lot: '', expiry: null, quantity: 40 });
  const next = 1001 + data.orders.length;
  data.orders.push({ id: `SO${next}`, number: `CMD-${next}`, customer: 'Épicerie Fine Sud', address: STREETS[4]!, ...demoDispatch(data.orders.length), lines: [{ lineId: '1', productCode: code, locationCode: home, quantity: 2 }] });
}

function warehouse(): Location[] {
  const locations: Location[] = [];
  for (const zone of ['A', 'B', 'C']) {
    for (let aisle = 1; aisle <= 4; aisle++) {
      for (let bay = 1; bay <= 10; bay++) {
        for (let level = 1; level <= 3; level++) locations.push({ code: locationCode(zone, aisle, bay, level), zone, aisle, bay, level });
      }
    }
  }
  return locations;
}

/** A realistic small e-commerce warehouse: products with EAN-13s (French 376 prefix) and weights, bins, orders. */
export function generateDemoData(options: DemoOptions = DEMO_DEFAULTS): DemoData {
  const random = prng(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const locations = warehouse();
  const products: Product[] = [];
  const barcodes: ProductBarcode[] = [];
  const homeLocation = new Map<string, string>();
  const lastPriceCents = new Map<string, number>();
  for (let i = 0; i < options.products; i++) {
    const family = FAMILIES[i % FAMILIES.length]!;
    const code = `P${String(i + 1).padStart(6, '0')}`;
    const [min, max] = family.grams;
    // one product in 41 has no weight in the ERP: the data problem packing must flag
    const weightGrams = i % 41 === 40 ? null : Math.round(min + random() * (max - min));
    const home = locations[(i * 7) % locations.length]!.code;
    // cosmetics and groceries carry a lot and a use-by date
    const lotTracked = family.family === 'cosmetique' || family.family === 'epicerie';
    products.push({ code, name: `${pick(family.items)} ${pick(family.variants)}`, unit: 'pce', weightGrams, family: family.family, lotTracked, homeLocation: home });
    lastPriceCents.set(code, 50 + Math.round(random() * 2000));
    const ean = withCheckDigit(`376${String(100000000 + i).slice(-9)}`);
    barcodes.push({ code: ean.padStart(14, '0'), productCode: code, multiple: 1 });
    if (i % 2 === 0) {
      // every other product has an outer carton of 6 or 12: GTIN-14 with indicator digit 1
      barcodes.push({ code: withCheckDigit(`1${ean.slice(0, 12)}`), productCode: code, multiple: i % 10 === 0 ? 12 : 6 });
    }
    homeLocation.set(code, home);
  }
  const stock: DemoData['stock'] = products.slice(0, 400).map((p, i) => ({
    productCode: p.code,
    locationCode: p.homeLocation!,
    lot: p.lotTracked ? `L26${String(100 + (i % 900))}` : '',
    expiry: p.lotTracked ? `2027-${String(1 + (i % 12)).padStart(2, '0')}-28` : null,
    quantity: 20 + Math.floor(random() * 60),
  }));
  const productCount = Math.min(products.length, 400);
  const orders: DemoOrder[] = [];
  for (let o = 0; o < options.orders; o++) {
    const lineCount = 1 + Math.floor(random() * 5);
    const chosen = new Set<string>();
    while (chosen.size < lineCount) chosen.add(products[Math.floor(random() * productCount)]!.code);
    const number = `CMD-${1001 + o}`;
    orders.push({
      id: `SO${String(1001 + o)}`,
      number,
      customer: pick(CUSTOMERS),
      address: pick(STREETS),
      ...demoDispatch(o),
      lines: [...chosen].map((productCode, index) => ({ lineId: String(index + 1), productCode, locationCode: homeLocation.get(productCode)!, quantity: 1 + Math.floor(random() * 3) })),
    });
  }
  // the lot-tracked product of the first one-line order that has one (CMD-1005 by default) also
  // holds an older lot in its bin, to be picked first (FEFO): no random draw, the rest stays the same
  const twoLots = orders.find((o) => o.lines.length === 1 && products.find((p) => p.code === o.lines[0]!.productCode)?.lotTracked)?.lines[0];
  const newer = stock.find((s) => s.productCode === twoLots?.productCode);
  if (newer) stock.push({ ...newer, lot: newer.lot.replace(/^L26/, 'L25'), expiry: '2027-06-15', quantity: 8 });
  const receipts = ['Fournitures Dupré', 'Céramiques de Provence', 'Savonnerie Marseillaise'].map((supplier, r) => ({
    id: `PO${2001 + r}`,
    number: `ACH-${2001 + r}`,
    supplier,
    // the pallet of the first delivery carries an SSCC label
    sscc: r === 0 ? withCheckDigit('03761000990000001') : null,
    lines: Array.from({ length: 3 }, (_, k) => ({ productCode: products[(r * 17 + k * 5) % productCount]!.code, quantity: 12 * (k + 1) })),
  }));
  const countTasks = [
    { id: 'INV-3001', scope: 'location' as const, target: locations[4]!.code },
    { id: 'INV-3002', scope: 'zone' as const, target: 'B' },
    { id: 'INV-3003', scope: 'product' as const, target: products[3]!.code },
  ];
  addWeighedGoods({ products, barcodes, homeLocation, lastPriceCents, stock, orders }, locations);
  return { products, barcodes, locations, operators: DEMO_OPERATORS, boxTypes: DEMO_BOX_TYPES, homeLocation, lastPriceCents, stock, orders, receipts, countTasks };
}
