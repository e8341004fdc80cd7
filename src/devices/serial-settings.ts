import { z } from 'zod';

/** How a serial device is wired: what node-serialport needs to open it. Unknown keys are refused (a typo would leave a default). */
export const serialSettings = z.strictObject({
  path: z.string().min(1),
  baudRate: z.number().int().positive().default(9600),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd', 'mark', 'space']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]).default(1),
  rtscts: z.boolean().default(false),
  xon: z.boolean().default(false),
  xoff: z.boolean().default(false),
});
export type SerialSettings = z.output<typeof serialSettings>;
