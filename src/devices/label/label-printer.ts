import { Socket } from 'node:net';
import { z } from 'zod';
import { ManagedPort } from '../managed-port.js';
import { serialSettings } from '../serial-settings.js';

/** A label printer: raw TCP (port 9100, most network printers) or a serial line. */
export const printerConfig = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('tcp'), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(9100) }),
  z.strictObject({ kind: z.literal('serial'), serial: serialSettings }),
]);
export type PrinterConfig = z.output<typeof printerConfig>;

const TCP_TIMEOUT_MS = 5000;

function sendTcp(host: string, port: number, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setTimeout(TCP_TIMEOUT_MS, () => socket.destroy(new Error(`printer ${host}:${port} did not take the label within ${TCP_TIMEOUT_MS} ms`)));
    socket.once('error', reject);
    socket.connect(port, host, () => socket.end(data, 'utf8', () => resolve()));
  });
}

/** Sends ZPL to a printer; rejects with the reason when it cannot be printed. */
export class LabelPrinter {
  private readonly port: ManagedPort | undefined;

  constructor(readonly config: PrinterConfig) {
    if (config.kind === 'serial') {
      this.port = new ManagedPort(config.serial);
      this.port.open();
    }
  }

  print(zpl: string): Promise<void> {
    if (this.config.kind === 'tcp') return sendTcp(this.config.host, this.config.port, zpl);
    return this.port!.write(Buffer.from(zpl, 'utf8'));
  }

  async close(): Promise<void> {
    await this.port?.close();
  }
}
