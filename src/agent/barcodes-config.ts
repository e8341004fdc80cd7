import { z } from 'zod';
import { layoutProblem, RESTRICTED_PREFIXES } from '../domain/barcode/variable-measure.js';

/** One site layout of a restricted circulation number (docs/devices.md "Weighed goods"). */
const variableMeasureLayout = z
  .strictObject({
    prefix: z.enum(RESTRICTED_PREFIXES),
    itemDigits: z.number().int().min(1).max(9),
    valueDigits: z.number().int().min(1).max(9),
    value: z.enum(['weight-g', 'price-cents']),
    priceCheck: z.boolean().default(false),
  })
  .superRefine((layout, ctx) => {
    const problem = layoutProblem(layout);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * `barcodes` in the agent's configuration: how the site's restricted circulation numbers read
 * (`variableMeasure`: at most one layout per prefix).
 */
export const barcodesConfig = z
  .strictObject({
    variableMeasure: z
      .array(variableMeasureLayout)
      .default([])
      .superRefine((layouts, ctx) => {
        const seen = new Set<string>();
        layouts.forEach((layout, index) => {
          if (seen.has(layout.prefix)) ctx.addIssue({ code: 'custom', path: [index, 'prefix'], message: `prefix ${layout.prefix} has a layout already` });
          seen.add(layout.prefix);
        });
      }),
  })
  .default({ variableMeasure: [] });
