import { EventEmitter } from 'node:events';
import type { ScannerConfig } from '../device-config.js';
import { ManagedPort, type ManagedPortOptions, type PortState } from '../managed-port.js';
import { ScannerFramer, type ScanFrame } from './scanner-framing.js';

/** A serial barcode reader: its port kept open, its bytes framed into scans. */
export class ScannerDevice extends EventEmitter<{ scan: [ScanFrame]; garbled: [{ raw: string; reason: string }]; state: [PortState] }> {
  readonly port: ManagedPort;
  private readonly framer: ScannerFramer;

  constructor(
    readonly config: ScannerConfig,
    portOptions: ManagedPortOptions = {},
  ) {
    super();
    this.framer = new ScannerFramer({ suffix: config.suffix, ...(config.prefix && { prefix: config.prefix }), ...(config.gsStandIn && { gsStandIn: config.gsStandIn }) });
    this.port = new ManagedPort(config.serial, portOptions);
    this.port.on('state', (state) => this.emit('state', state));
    this.port.on('data', (data) => {
      for (const out of this.framer.push(data)) {
        if (out.kind === 'scan') this.emit('scan', out.scan);
        else this.emit('garbled', { raw: out.raw, reason: out.reason });
      }
    });
  }

  start(): void {
    this.port.open();
  }

  stop(): Promise<void> {
    return this.port.close();
  }
}
