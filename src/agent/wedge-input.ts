import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import { remappings, type Remapping } from '../domain/keyboard/wedge-remap.js';
import type { ScanMeaning } from '../domain/scan-meaning.js';
import { TRACKING_PATTERN } from '../domain/workflows/pack.js';
import type { ClientIntent, InputSource } from '../protocol/local-api.js';
import type { ResolvedIntent } from './intent-resolver.js';

/** Text a terminal sent (an `input`'s data, a `lot`), where it came from and the terminal's layout. */
export interface SentText {
  data: string;
  /** Absent (a `lot` from an older terminal): taken as typed, never read again. */
  source?: InputSource | undefined;
  keyboard?: KeyboardLayout | undefined;
}

/**
 * The text of a terminal's request a wedge scanner may have typed (an `input`'s data, a `lot`, a
 * supervisor's code at the approval prompt), with the same request holding another text; null for
 * the other intents.
 */
export function sentTextOf(intent: ClientIntent): { text: SentText; withText: (data: string) => ClientIntent } | null {
  switch (intent.type) {
    case 'input':
      return { text: intent, withText: (data) => ({ ...intent, data }) };
    case 'lot':
      return { text: { data: intent.lot, source: intent.source, keyboard: intent.keyboard }, withText: (lot) => ({ ...intent, lot }) };
    case 'check-supervisor':
      return { text: { data: intent.supervisor, source: intent.source, keyboard: intent.keyboard }, withText: (supervisor) => ({ ...intent, supervisor }) };
    default:
      return null;
  }
}

/** The site's wedge settings (agent configuration `wedge`). */
export interface WedgeInputSettings {
  /** The terminals' layout when a terminal does not say its own. */
  keyboard?: KeyboardLayout | undefined;
  /** What the wedge scanners send for GS (0x1D): replaced by GS in every wedge burst. */
  gsStandIn?: string | undefined;
}

/** An input resolved, and, when the burst was read again through a layout, which reading found something. */
export interface ResolvedInput {
  intent: ResolvedIntent;
  remapped: Remapping | null;
}

const GS = '\x1d';
const nothing = (meaning: ScanMeaning) => meaning.kind === 'unknown' || meaning.kind === 'invalid';

/**
 * Whether a resolved input found nothing for its text: no operator with that code or badge, an
 * unknown or invalid scan, a document number not found, an unknown box type, a tracking number
 * that cannot be one (TRACKING_PATTERN), a lot the bin is not known to hold (nor a product's label
 * at the lot prompt). A refusal of something found (an order taken elsewhere, a product not on the
 * line) is not "nothing".
 */
export function matchesNothing(intent: ResolvedIntent): boolean {
  switch (intent.type) {
    case 'sign-in':
      return intent.operator === null;
    case 'supervisor-check':
      return intent.supervisor === null;
    case 'scan':
    case 'receive-scan':
    case 'count-scan':
      return nothing(intent.meaning);
    case 'lookup':
      return intent.target === null;
    case 'open-order':
    case 'open-pack-order':
      return intent.refusal === 'unknown';
    case 'open-receipt':
      return intent.doc === null;
    case 'open-count':
      return !intent.found;
    case 'box':
      return intent.box === null;
    case 'tracking':
      return !TRACKING_PATTERN.test(intent.tracking);
    case 'lot': {
      const lot = intent.lot.trim();
      return !intent.lots?.some((known) => known.lot === lot);
    }
    default:
      return false;
  }
}

/**
 * Resolves a text a terminal sent (sentTextOf); a `wedge` burst (its GS stand-ins made GS first) that matches nothing as
 * typed is resolved again as a US-configured scanner typing through each keyboard layout, the
 * terminal's (`input.keyboard`, else the site's) first (domain/keyboard/wedge-remap.ts), and the
 * first reading that matches something is taken. When none does, the burst's own result stands.
 * Keyboard (hand-typed) and serial inputs are resolved as they are: a person's typing is never
 * second-guessed, and a serial reader sends characters, not key positions. `resolve` allots
 * nothing (a tracking number's SSCC comes after the choice: intent-resolver.ts allotSscc).
 */
export async function resolveWedgeAware(input: SentText, settings: WedgeInputSettings, resolve: (data: string) => Promise<ResolvedIntent>): Promise<ResolvedInput> {
  if (input.source !== 'wedge') return { intent: await resolve(input.data), remapped: null };
  const burst = settings.gsStandIn ? input.data.split(settings.gsStandIn).join(GS) : input.data;
  const asTyped = await resolve(burst);
  if (!matchesNothing(asTyped)) return { intent: asTyped, remapped: null };
  for (const reading of remappings(burst, input.keyboard ?? settings.keyboard ?? null)) {
    const intent = await resolve(reading.text);
    if (!matchesNothing(intent)) return { intent, remapped: reading };
  }
  return { intent: asTyped, remapped: null };
}
