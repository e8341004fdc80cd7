import { kgText, type SimulatedScale } from './simulated-scale.js';

const STX = '\x02';

/** MT-SICS level 0/1 answers, as a balance sends them. */
export function respondMtSics(command: string, scale: SimulatedScale): string {
  const field = (mg: bigint) => kgText(mg).padStart(10, ' ');
  switch (command.trim()) {
    case '@':
      return 'I4 A "SIM0001"\r\n';
    case 'S':
    case 'SI': {
      if (scale.overload) return 'S +\r\n';
      if (scale.underload) return 'S -\r\n';
      const moving = scale.inMotion();
      if (command.trim() === 'S' && moving) return 'S I\r\n';
      return `S ${moving ? 'D' : 'S'} ${field(scale.netMg())} kg\r\n`;
    }
    case 'Z':
      return scale.zero() ? 'Z A\r\n' : 'Z I\r\n';
    case 'T':
      return scale.tare() ? `T S ${field(scale.tareMg)} kg\r\n` : 'T I\r\n';
    case 'TA':
      return `TA A ${field(scale.tareMg)} kg\r\n`;
    case 'TAC':
      scale.clearTare();
      return 'TAC A\r\n';
    default:
      return 'ES\r\n';
  }
}

function toledoStatus(scale: SimulatedScale): string {
  let bits = 0x40;
  if (scale.inMotion()) bits |= 0x01;
  if (scale.overload) bits |= 0x02;
  if (scale.underload || scale.netMg() < 0n) bits |= 0x04;
  if (scale.tareMg !== 0n) bits |= 0x20;
  return `${STX}?${String.fromCharCode(bits)}\r`;
}

/** Toledo 8217 answers to the one-byte commands W, Z, T and C. */
export function respondToledo(command: string, scale: SimulatedScale): string {
  switch (command) {
    case 'W': {
      const net = scale.netMg();
      if (scale.inMotion() || scale.overload || scale.underload || net < 0n) return toledoStatus(scale);
      const [whole, fraction] = kgText(net).split('.');
      return `${STX}${whole!.padStart(2, '0')}.${fraction}${scale.tareMg !== 0n ? 'N' : ''}\r`;
    }
    case 'Z':
      scale.zero();
      return toledoStatus(scale);
    case 'T':
      scale.tare();
      return toledoStatus(scale);
    case 'C':
      scale.clearTare();
      return toledoStatus(scale);
    default:
      return `${STX}?${String.fromCharCode(0x40)}\r`;
  }
}

/** One line of A&D-style continuous output: `ST,+0001.234 kg`. */
export function continuousLine(scale: SimulatedScale): string {
  if (scale.overload) return 'OL,+9999.999 kg\r\n';
  const net = scale.netMg();
  const text = kgText(net < 0n ? -net : net).padStart(8, '0');
  return `${scale.inMotion() ? 'US' : 'ST'},${net < 0n ? '-' : '+'}${text} kg\r\n`;
}
