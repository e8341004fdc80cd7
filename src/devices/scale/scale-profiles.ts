import type { WeightUnit } from '../../domain/weight.js';
import type { ScaleProtocolName } from './scale-frame.js';

/**
 * A common scale model's settings, chosen in the config by its name (`profile`); any field the
 * config gives itself wins. Sources: shared/reference/devices.md (MT-SICS §1, Toledo 8217 §2,
 * continuous formats §3), which cites the makers' manuals.
 */
export interface ScaleProfile {
  name: string;
  /** The makers and models it fits. */
  models: string;
  protocol: ScaleProtocolName;
  serial: {
    baudRate: number;
    dataBits: 7 | 8;
    parity: 'none' | 'even' | 'odd';
    stopBits: 1 | 2;
    xon?: boolean;
    xoff?: boolean;
  };
  /** What ends a frame, as sent: shown to installers only (`quai devices profiles`); the line is framed by its protocol's own delimiter (scale-device.ts), never by this text. */
  framing: string;
  /** The poll sent to a polled scale; none for continuous output. */
  poll?: string;
  /** Continuous output in another format than A&D's: a pattern with the groups value and unit. */
  pattern?: string;
  /** For scales that omit the decimal point: decimal places, and the unit of the number. */
  decimals?: number;
  unit?: WeightUnit;
  /** What to know when installing one: menu settings, behaviour, limits. */
  quirks: string[];
  /** Where the settings come from. */
  source: string;
}

const MT_SICS_LINE = { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 } as const;
const TOLEDO_8217_LINE = { baudRate: 9600, dataBits: 7, parity: 'even', stopBits: 1 } as const;
const MT_SICS_QUIRKS = [
  'weights in g, kg, t, lb, oz, and lb:oz (12:07.50 lb:oz is read as 12.46875 lb, exactly)',
  "turn the balance's continuous mode off: it is polled with SI",
  'zero (Z), tare (T) and clear tare (TAC) are answered; Z and T wait for a stable load',
];
const TOLEDO_8217_QUIRKS = [
  'a weight with 3 decimals is kg, with 2 decimals lb; N after it means net',
  'a status byte (?A motion, ?B over capacity, ?D under zero) is sent instead of a moving weight',
  'zero (Z), tare (T) and clear tare (C) are answered with the status; the tare value is not reported',
];

/** The profiles, one per line of `quai devices profiles`. */
export const SCALE_PROFILES = [
  {
    name: 'mettler-toledo-mt-sics',
    models: 'Mettler Toledo balances and weighing terminals speaking MT-SICS level 0/1, handshake set to none',
    protocol: 'mt-sics',
    serial: MT_SICS_LINE,
    framing: 'CR LF',
    poll: 'SI\r\n',
    quirks: MT_SICS_QUIRKS,
    source: 'MT-SICS reference manual; MT ML-models manual, RS232C',
  },
  {
    name: 'mettler-toledo-mt-sics-xonxoff',
    models: 'Mettler Toledo MT-SICS models whose factory handshake is XON/XOFF',
    protocol: 'mt-sics',
    serial: { ...MT_SICS_LINE, xon: true, xoff: true },
    framing: 'CR LF',
    poll: 'SI\r\n',
    quirks: [...MT_SICS_QUIRKS, "check the balance's menu: the handshake there and here must agree"],
    source: 'MT-SICS reference manual',
  },
  {
    name: 'toledo-8217',
    models: 'Mettler Toledo retail scales in 8217 mode (Ariva-S protocol option 3, Viva, DIVA)',
    protocol: 'toledo-8217',
    serial: TOLEDO_8217_LINE,
    framing: 'CR (STX first)',
    poll: 'W',
    quirks: TOLEDO_8217_QUIRKS,
    source: 'DIVA service manual §6.1.3.2; Odoo serial scale driver',
  },
  {
    name: 'toledo-8217-grams',
    models: 'Toledo 8217-compatible scales that send grams without a decimal point (STX 00150 CR = 150 g)',
    protocol: 'toledo-8217',
    serial: TOLEDO_8217_LINE,
    framing: 'CR (STX first)',
    poll: 'W',
    decimals: 0,
    unit: 'g',
    quirks: ['the number has no decimal point: it is read as whole grams (decimals 0, unit g)', ...TOLEDO_8217_QUIRKS.slice(1)],
    source: '8217 framing: DIVA service manual §6.1.3.2',
  },
  {
    name: 'dibal-8217',
    models: 'Dibal retail scales (G-310, D-POS) set to their Toledo 8217-compatible protocol',
    protocol: 'toledo-8217',
    serial: TOLEDO_8217_LINE,
    framing: 'CR (STX first)',
    poll: 'W',
    quirks: [
      "choose the Toledo/8217 protocol in the scale's menu: Dibal's own protocol (98…/99… frames, 9600 8N1) is not read",
      'if it sends grams without a point, use toledo-8217-grams or set decimals and unit',
      ...TOLEDO_8217_QUIRKS,
    ],
    source: 'Dibal serial settings page, DPOS400 manual; 8217 framing',
  },
  {
    name: 'bizerba-8217',
    models: 'Bizerba retail scales set to the Toledo 8217-compatible protocol',
    protocol: 'toledo-8217',
    serial: TOLEDO_8217_LINE,
    framing: 'CR (STX first)',
    poll: 'W',
    quirks: ['if it sends grams without a point, use toledo-8217-grams or set decimals and unit', ...TOLEDO_8217_QUIRKS],
    source: '8217 framing: DIVA service manual §6.1.3.2',
  },
  {
    name: 'and-continuous',
    models: 'A&D balances and indicators (EK-i, GX/GF, FX-i…) streaming the A&D standard format (ST,+00123.45  g)',
    protocol: 'continuous',
    serial: { baudRate: 2400, dataBits: 7, parity: 'even', stopBits: 1 },
    framing: 'CR LF',
    quirks: [
      "set the balance's data output to stream; many leave the factory at 2400 7E1, check its menu",
      'ST stable, US unstable, OL out of range; takes no command from Quai (zero and tare on its keys)',
    ],
    source: 'A&D EK-L manual §9-2, A&D GH manual §10.6',
  },
  {
    name: 'adam-continuous',
    models: 'Adam Equipment scales in continuous output (Highland and models with the same ST/US GS/NT output)',
    protocol: 'continuous',
    serial: { baudRate: 4800, dataBits: 8, parity: 'none', stopBits: 1 },
    framing: 'CR LF',
    pattern: '^(?<status>ST|US|OL)\\s*,?\\s*(?<mode>GS|NT)\\s*,?\\s*(?<sign>[+-])?\\s*(?<value>\\d+(?:\\.\\d+)?)\\s*(?<unit>[A-Za-z]+)\\s*$',
    quirks: ['set the print mode to continuous in the scale menu', 'takes no command from Quai (zero and tare on its keys)'],
    source: 'Adam Highland manual p.25–27',
  },
  {
    name: 'cas-22-byte',
    models: 'CAS indicators (CI, NT series) with the 22-byte continuous format',
    protocol: 'continuous',
    serial: { baudRate: 9600, dataBits: 8, parity: 'none', stopBits: 1 },
    framing: 'CR LF',
    pattern: '^(?<status>ST|US|OL),(?<mode>GS|NT),[\\s\\S]{2},(?<sign>[+-])?\\s*(?<value>\\d+(?:\\.\\d+)?)\\s*(?<unit>kg|t|g|lb)\\s*$',
    quirks: [
      'ST stable, US unstable, OL overload; GS gross, NT net; the device id and lamp bytes are skipped',
      'weights in kg or t',
      'takes no command from Quai (zero and tare on its keys)',
    ],
    source: 'CAS CI-600D manual §10-1, NT-200 manual §14',
  },
] as const satisfies readonly ScaleProfile[];

export type ScaleProfileName = (typeof SCALE_PROFILES)[number]['name'];
export const SCALE_PROFILE_NAMES = SCALE_PROFILES.map((p) => p.name) as [ScaleProfileName, ...ScaleProfileName[]];

export function scaleProfile(name: string): ScaleProfile | undefined {
  return (SCALE_PROFILES as readonly ScaleProfile[]).find((p) => p.name === name);
}

/** What to say of a profile name no profile has (`unknown profile toledo: one of …`), or null for a known one. */
export function unknownProfileProblem(name: string): string | null {
  return scaleProfile(name) ? null : `unknown profile ${name}: one of ${SCALE_PROFILE_NAMES.join(', ')}`;
}
