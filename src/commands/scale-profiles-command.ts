import { SCALE_PROFILES, type ScaleProfile } from '../devices/scale/scale-profiles.js';

/** A serial line as installers write it: `9600 7E1`, `9600 8N1 XON/XOFF`. */
export function lineText(serial: ScaleProfile['serial']): string {
  const parity = { none: 'N', even: 'E', odd: 'O' }[serial.parity];
  return `${serial.baudRate} ${serial.dataBits}${parity}${serial.stopBits}${serial.xon ? ' XON/XOFF' : ''}`;
}

/** Control characters shown as people write them: `SI<CR><LF>`. */
const visible = (bytes: string) => bytes.replace(/\r/g, '<CR>').replace(/\n/g, '<LF>');

/** `quai devices profiles --json`: every profile, as in the data file, with its line written out. */
export function profilesJson(): object[] {
  return (SCALE_PROFILES as readonly ScaleProfile[]).map((p) => ({ ...p, line: lineText(p.serial) }));
}

/** `quai devices profiles`: one block per profile, name first. */
export function profilesText(): string {
  return (SCALE_PROFILES as readonly ScaleProfile[])
    .map((p) => {
      const reading = p.decimals !== undefined ? `, decimals ${p.decimals}, unit ${p.unit ?? 'g'}` : '';
      const settings = `${p.protocol}, ${lineText(p.serial)}, frames end ${p.framing}, ${p.poll ? `poll ${visible(p.poll)}` : 'streams'}${reading}`;
      return [p.name, `  ${settings}`, `  ${p.models}`, ...p.quirks.map((q) => `  - ${q}`), `  source: ${p.source}`].join('\n');
    })
    .join('\n\n');
}
