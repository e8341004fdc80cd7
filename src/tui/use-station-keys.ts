import { useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { KeyboardLayout } from '../domain/keyboard/keyboard-layouts.js';
import type { FeedbackView, StationView } from '../protocol/local-api.js';
import type { AgentLink } from './agent-link.js';
import { dispatchKey, type InputTiming } from './input/dispatch-key.js';
import { HeldKeys } from './input/held-keys.js';
import { keyCommands, type KeyCommand } from './input/key-commands.js';
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

/** What the keys wait on: the link's answer due, and the newest view it has. */
export type LinkState = Pick<AgentLink, 'answering' | 'current'>;

/** The prompt open, to its step: a new one means the last entry went through. */
const promptOf = (ui: UiState) => (ui.modal ? `${ui.modal.kind}:${'step' in ui.modal ? ui.modal.step : ''}` : '');

/**
 * A prompt with its own type-ahead: while the agent checks a supervisor's code, what is typed is the
 * PIN, masked, kept if the code is a supervisor's and dropped if not (reduce-ui.ts `answer`). Held
 * instead, a PIN would land in the code prompt the refusal reopens, and go to the agent as a code.
 */
const typesAheadItself = (ui: UiState) => ui.modal?.kind === 'override' && ui.modal.step === 'checking';

/**
 * The one keyboard path: Ink's keys → key commands → the binding tables → `reduceUi` → intents,
 * which `perform` carries out. State lives in a ref because a scanner burst delivers several keys
 * before React renders again, and each must see the effect of the one before it. Each new
 * `feedback` (the agent's answer, or the link's) reaches `reduceUi` once, for a prompt waiting on it.
 * Keys typed while the agent has not answered what was sent (`link.answering`), or while what it
 * sent is not drawn yet, wait for it (`HeldKeys`): each key is read against the view the keys before
 * it led to. A question the answer opens (a confirmation the view asks, a choice of readings, a
 * prompt) is never answered by keys typed before it was seen: they are dropped, with a bell
 * (`TYPED_AHEAD_DROPPED`).
 */
export function useStationKeys(view: StationView | null, feedback: FeedbackView | null, wedge: WedgeSettings | undefined, perform: (intent: UiIntent) => void, keyboard?: KeyboardLayout, link?: LinkState): UiState {
  const ui = useRef<UiState>(INITIAL_UI);
  const [, setVersion] = useState(0);
  const detector = useRef(new WedgeDetector(wedge));
  const held = useRef(new HeldKeys());
  // key handlers read the newest view: a key can arrive between a render and the handler's renewal
  const latestView = useRef(view);
  latestView.current = view;
  const latestFeedback = useRef(feedback);
  latestFeedback.current = feedback;
  // a prompt the agent's answer opened in this render, with keys typed before it waiting
  const promptBefore = promptOf(ui.current);
  const dropHeld = useRef(false);
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
  if (held.current.size > 0 && ui.current.modal && promptOf(ui.current) !== promptBefore) dropHeld.current = true;
  /** One key, as of `at` (when it arrived: the wedge detector tells a burst by its keys' times). */
  const take = (command: KeyCommand, at: number) => {
    const timing: InputTiming = { typed: (characters) => detector.current.typed(characters, at), submitted: () => detector.current.submitted(at) };
    const result = dispatchKey(ui.current, latestView.current, command, timing, latestKeyboard.current);
    if (!result.ui.field && ui.current.field) detector.current.reset();
    const moved = result.intents.some((i) => i.kind === 'send') || promptOf(result.ui) !== promptOf(ui.current);
    ui.current = result.ui;
    if (moved && !result.intents.some((i) => i.kind === 'error')) perform({ kind: 'clear-error' });
    for (const intent of result.intents) perform(intent);
  };
  // what the link has and this render has not drawn: the render it brings reads the keys held
  const waiting = () => (link ? link.answering || link.current.view !== latestView.current || link.current.feedback !== latestFeedback.current : false);
  /** Takes the held keys the agent's answers (or their time limit) let through; true when any was. */
  const release = (): boolean => {
    let taken = false;
    for (let next = held.current.next(waiting(), performance.now()); next; next = held.current.next(waiting(), performance.now())) {
      take(next.command, next.at);
      taken = true;
    }
    return taken;
  };
  useInput((input, key) => {
    const at = performance.now();
    for (const command of keyCommands(input, key)) {
      if (held.current.holds(command, waiting() && !typesAheadItself(ui.current))) held.current.hold(command, at);
      else take(command, at);
    }
    setVersion((v) => v + 1);
  });
  // after each render (a view came: maybe the answer awaited), and at the oldest key's time limit
  useEffect(() => {
    if (dropHeld.current) {
      dropHeld.current = false;
      held.current.clear();
      perform({ kind: 'error', code: 'TYPED_AHEAD_DROPPED' });
    }
    if (release()) setVersion((v) => v + 1);
    const deadline = held.current.deadline();
    if (deadline === null) return;
    // the render it asks for arms the timer again for the next key held
    const timer = setTimeout(() => {
      release();
      setVersion((v) => v + 1);
    }, Math.max(0, deadline - performance.now()) + 1);
    return () => clearTimeout(timer);
  });
  return ui.current;
}
