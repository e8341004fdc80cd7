import { useInput } from 'ink';
import { useRef, useState } from 'react';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import type { FeedbackView, StationView } from '../protocol/local-api.js';
import { dispatchKey, type InputTiming } from './input/dispatch-key.js';
import { keyCommands } from './input/key-commands.js';
import { reduceUi, viewQuestion, type UiIntent } from './input/reduce-ui.js';
import { INITIAL_UI, type UiState } from './input/ui-state.js';
import { WedgeDetector, type WedgeSettings } from './wedge-detector.js';

/** What identifies a screen: when it changes, the list selection and any modal belong to the old one. */
function screenKey(view: StationView | null): string {
  if (!view) return 'none';
  if (view.screen === 'pick') return `pick:${view.order.id}:${view.line.lineId}:${view.emptyCheck ? 'empty' : ''}`;
  // a cart: each tote to scan, each line of each order and its put are a screen of their own
  if (view.screen === 'batch') return `batch:${view.phase}:${view.toteFor ?? ''}:${view.line ? `${view.line.position}:${view.line.lineId}` : ''}:${view.put?.position ?? ''}`;
  if (view.screen === 'pack') return `pack:${view.order.id}:${view.parcelNo}:${view.phase}:${view.carrier ?? ''}`;
  if (view.screen === 'receive' || view.screen === 'count') return `${view.screen}:${view.phase}`;
  return view.screen;
}

/** The prompt open, to its step: a new one means the last entry went through. */
const promptOf = (ui: UiState) => (ui.modal ? `${ui.modal.kind}:${'step' in ui.modal ? ui.modal.step : ''}` : '');

/**
 * The one keyboard path: Ink's keys → key commands → the binding tables → `reduceUi` → intents,
 * which `perform` carries out. State lives in a ref because a scanner burst delivers several keys
 * before React renders again, and each must see the effect of the one before it. Each new
 * `feedback` (the agent's answer, or the link's) reaches `reduceUi` once, for a prompt waiting on it.
 */
export function useStationKeys(view: StationView | null, feedback: FeedbackView | null, wedge: WedgeSettings | undefined, perform: (intent: UiIntent) => void, keyboard?: KeyboardLayout): UiState {
  const ui = useRef<UiState>(INITIAL_UI);
  const [, setVersion] = useState(0);
  const detector = useRef(new WedgeDetector(wedge));
  // key handlers read the newest view: a key can arrive between a render and the handler's renewal
  const latestView = useRef(view);
  latestView.current = view;
  const latestKeyboard = useRef(keyboard);
  latestKeyboard.current = keyboard;
  const shownScreen = useRef(screenKey(view));
  const current = screenKey(view);
  if (shownScreen.current !== current) {
    shownScreen.current = current;
    // a prompt that goes with its screen takes what was typed in it along (a PIN never lands in the scan field)
    ui.current = { ...ui.current, selected: 0, modal: null, field: ui.current.modal ? '' : ui.current.field };
    if (!ui.current.field) detector.current.reset();
  }
  // a question the view asks opens the confirm modal once; answered or dismissed, it is not asked
  // again; one the agent no longer asks (another bin scanned, the units gone in) goes with it
  const asked = useRef<string | null>(null);
  const question = viewQuestion(view);
  if ((question?.id ?? null) !== asked.current) {
    asked.current = question?.id ?? null;
    const modal = ui.current.modal;
    const stale = modal?.kind === 'confirm' && modal.confirmation.message === 'confirm.otherBin';
    if (question && (!modal || stale)) ui.current = { ...ui.current, modal: { kind: 'confirm', confirmation: question.confirmation }, field: '' };
    else if (stale) ui.current = { ...ui.current, modal: null };
  }
  const answered = useRef(feedback?.id ?? null);
  if (feedback && feedback.id !== answered.current) {
    answered.current = feedback.id;
    ui.current = reduceUi(ui.current, view, { name: 'answer', feedback }).ui;
  }
  const timing: InputTiming = {
    typed: (characters) => detector.current.typed(characters, performance.now()),
    submitted: () => detector.current.submitted(performance.now()),
  };
  useInput((input, key) => {
    for (const command of keyCommands(input, key)) {
      const result = dispatchKey(ui.current, latestView.current, command, timing, latestKeyboard.current);
      if (!result.ui.field && ui.current.field) detector.current.reset();
      const moved = result.intents.some((i) => i.kind === 'send') || promptOf(result.ui) !== promptOf(ui.current);
      ui.current = result.ui;
      if (moved && !result.intents.some((i) => i.kind === 'error')) perform({ kind: 'clear-error' });
      for (const intent of result.intents) perform(intent);
    }
    setVersion((v) => v + 1);
  });
  return ui.current;
}
