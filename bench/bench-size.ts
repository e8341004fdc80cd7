/** The catalog size the goals are set for: `catalog sync 100k`, `agent RSS after 100k sync + scans`. */
const GOAL_PRODUCTS = 100_000;

const products = Number(process.env.QUAI_BENCH_PRODUCTS ?? GOAL_PRODUCTS);
if (!Number.isInteger(products) || products < 1000) throw new Error(`QUAI_BENCH_PRODUCTS must be a whole number of at least 1000, not ${process.env.QUAI_BENCH_PRODUCTS}`);

/**
 * The benchmark's catalog: QUAI_BENCH_PRODUCTS demo products (default 100000), each with an
 * EAN-13 and every other one an outer-carton GTIN-14. `label` names the size in rows ("100k");
 * `isGoalSize` says whether the size-bound goals apply (a smaller run is for working on the bench).
 */
export const benchSize = {
  products,
  barcodes: products * 1.5,
  label: `${products / 1000}k`,
  isGoalSize: products === GOAL_PRODUCTS,
};
