import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { DAMAGE_REASONS, OVERRIDE_REASONS, SHORT_REASONS } from '../domain/events.js';
import { ChoiceList } from './components/choice-list.js';
import { CountListScreen, CountScreen } from './screens/count-screen.js';
import { LookupScreen } from './screens/lookup-screen.js';
import { ReceiveListScreen, ReceiveScreen } from './screens/receive-screen.js';
import type { ClientIntent, FeedbackView, StationView } from '../protocol/local-api.js';
import { TOKEN_REFUSED, type AgentLink } from './agent-link.js';
import { FeedbackLine } from './components/feedback-line.js';
import { InputLine } from './components/input-line.js';
import { KeyHints } from './components/key-hints.js';
import { ScaleLine } from './components/scale-line.js';
import { StatusBar } from './components/status-bar.js';
import type { Translate } from './i18n/translate.js';
import type { MessageKey } from './i18n/messages-fr.js';
import { keyCommands, type KeyCommand } from './key-commands.js';
import { MENU_ITEMS, MenuScreen } from './screens/menu-screen.js';
import { OrderListScreen } from './screens/order-list-screen.js';
import { PickDoneScreen } from './screens/pick-done-screen.js';
import { PickLineScreen } from './screens/pick-line-screen.js';
import { OverrideScreen, type OverrideStep } from './screens/override-screen.js';
import { PackDoneScreen, PackScreen } from './screens/pack-screen.js';
import { ShortReasonScreen } from './screens/short-reason-screen.js';
import { SignInScreen } from './screens/sign-in-screen.js';
import type { Theme } from './theme.js';
import { WedgeDetector, type WedgeSettings } from './wedge-detector.js';

export interface AppProps {
  link: AgentLink;
  wedge?: WedgeSettings;
  t: Translate;
  theme: Theme;
  /** Shown on the sign-in screen by the demo: the operator code to type. */
  signInHint?: string;
  bell: () => void;
}

/** Rows used by the status bar, rule, feedback, input and hints around a screen. */
const CHROME_ROWS = 6;

function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => void stdout.off('resize', onResize);
  });
  return size;
}

interface UiState {
  field: string;
  quantityMode: boolean;
  selected: number;
  shortOpen: boolean;
  /** The supervisor override being entered; the PIN stays in memory only until it is sent. */
  override: { step: OverrideStep; supervisor: string; pin: string } | null;
  /** Damaged units at reception: how many, then why. */
  damaged: { step: 'quantity' | 'reason'; quantity: number } | null;
  /** Typing the quantity of a replenishment request. */
  replenishing: boolean;
}

function screenKey(view: StationView | null): string {
  if (!view) return 'none';
  if (view.screen === 'pick') return `pick:${view.order.id}:${view.line.lineId}`;
  if (view.screen === 'pack') return `pack:${view.order.id}:${view.parcelNo}:${view.phase}:${view.carrier ?? ''}`;
  return view.screen;
}

function hintsKey(view: StationView | null, shortOpen: boolean, overriding: boolean, compact: boolean): MessageKey {
  if (shortOpen) return 'keys.short';
  if (overriding) return 'keys.override';
  switch (view?.screen) {
    case 'receive-list': return 'keys.receiveList';
    case 'receive': return view.phase === 'done' ? 'keys.done' : 'keys.receive';
    case 'count-list': return 'keys.countList';
    case 'count': return view.phase === 'done' ? 'keys.done' : 'keys.count';
    case 'lookup': return 'keys.lookup';
    case 'pack-orders': return 'keys.orders';
    case 'pack-done': return 'keys.done';
    case 'pack':
      return { verify: 'keys.packVerify', box: 'keys.packBox', weigh: 'keys.packWeigh', failed: 'keys.packFailed', carrier: 'keys.packCarrier' }[view.phase] as MessageKey;
    case 'menu': return 'keys.menu';
    case 'pick-orders': return 'keys.orders';
    case 'pick': return compact ? 'keys.pickCompact' : 'keys.pick';
    case 'pick-done': return 'keys.done';
    default: return 'keys.signin';
  }
}

export function App({ link, t, theme, signInHint, bell, wedge }: AppProps) {
  const subscribe = useCallback((onChange: () => void) => link.subscribe(onChange), [link]);
  const snapshot = useSyncExternalStore(subscribe, () => link.current);
  const { columns, rows } = useTerminalSize();
  const compact = columns < 60 || rows < 20;
  const { exit } = useApp();
  // Terminal-side state lives in a ref: a scanner burst delivers several keys before React
  // re-renders, and each key must see the effect of the one before it.
  const ui = useRef<UiState>({ field: '', quantityMode: false, selected: 0, shortOpen: false, override: null, damaged: null, replenishing: false });
  const [, setVersion] = useState(0);
  const [localFeedback, setLocalFeedback] = useState<FeedbackView | null>(null);
  const detector = useRef(new WedgeDetector(wedge));
  const view = snapshot.view;
  // key handlers read the newest view: a key can arrive between a render and the handler's renewal
  const latestView = useRef(view);
  latestView.current = view;
  const currentScreen = screenKey(view);
  const update = (patch: Partial<UiState>) => {
    ui.current = { ...ui.current, ...patch };
    setVersion((v) => v + 1);
  };
  const setField = (field: string) => update({ field });
  const setSelected = (next: (s: number) => number) => update({ selected: next(ui.current.selected) });
  const setShortOpen = (shortOpen: boolean) => update({ shortOpen });
  const setQuantityMode = (quantityMode: boolean) => update({ quantityMode });

  const shownScreen = useRef(currentScreen);
  if (shownScreen.current !== currentScreen) {
    shownScreen.current = currentScreen;
    ui.current = { ...ui.current, selected: 0, shortOpen: false, quantityMode: false, override: null, damaged: null, replenishing: false };
  }
  const { quantityMode, selected, shortOpen, override, damaged, replenishing } = ui.current;

  const feedback = [snapshot.feedback, localFeedback].filter((f): f is FeedbackView => f !== null).sort((a, b) => b.id - a.id)[0] ?? null;
  const lastBell = useRef(0);
  useEffect(() => {
    if (feedback?.level === 'error' && feedback.id !== lastBell.current) {
      lastBell.current = feedback.id;
      bell();
    }
  }, [feedback?.id]);

  const send = (intent: ClientIntent) => link.send(intent);
  const localError = (code: string) => setLocalFeedback({ id: Date.now(), level: 'error', code });

  const submitField = () => {
    const value = ui.current.field.trim();
    const source = detector.current.submitted(performance.now());
    setField('');
    if (!value) return false;
    // a scanner burst is a scan even in the quantity field: it never becomes a quantity
    if (ui.current.quantityMode && source === 'keyboard') {
      if (!/^\d{1,6}$/.test(value)) {
        localError('INVALID_QUANTITY');
        return true;
      }
      setQuantityMode(false);
      send({ type: 'quantity', quantity: Number(value) });
      return true;
    }
    if (ui.current.quantityMode) setQuantityMode(false);
    send({ type: 'input', data: value, source });
    return true;
  };

  const listLength = (() => {
    if (ui.current.override) return OVERRIDE_REASONS.length;
    if (ui.current.damaged) return DAMAGE_REASONS.length;
    switch (view?.screen) {
      case 'menu': return MENU_ITEMS.length;
      case 'pick-orders':
      case 'pack-orders': return view.orders.length;
      case 'receive-list': return view.receipts.length;
      case 'count-list': return view.tasks.length;
      case 'pack': return view.phase === 'box' ? view.boxes.length : view.phase === 'carrier' && !view.carrier ? view.carriers.length : 0;
      default: return 0;
    }
  })();

  /** A choice in a numbered list: arrows and Enter, or the item's number. */
  const chooseFrom = <T,>(command: KeyCommand, items: readonly T[], onChosen: (item: T) => void) => {
    if (command.kind === 'up') return setSelected((s) => Math.max(0, s - 1));
    if (command.kind === 'down') return setSelected((s) => Math.min(items.length - 1, s + 1));
    if (command.kind !== 'text') return;
    const digit = Number(command.text);
    const index = command.text && digit >= 1 && digit <= items.length ? digit - 1 : command.submit ? ui.current.selected : -1;
    if (index >= 0) onChosen(items[index]!);
  };

  /** Supervisor code, then PIN, then reason; Esc cancels at any step. */
  const onOverride = (command: KeyCommand) => {
    const current = ui.current.override!;
    if (command.kind === 'back') return update({ override: null, field: '' });
    if (command.kind === 'erase') return setField(ui.current.field.slice(0, -1));
    if (current.step === 'reason') {
      return chooseFrom(command, OVERRIDE_REASONS, (reason) => {
        send({ type: 'override', supervisor: current.supervisor, pin: current.pin, reason });
        update({ override: null, field: '' });
      });
    }
    if (command.kind !== 'text') return;
    if (command.text) setField(ui.current.field + command.text);
    if (!command.submit) return;
    const value = ui.current.field.trim();
    if (!value) return;
    if (current.step === 'supervisor') update({ override: { ...current, step: 'pin', supervisor: value }, field: '' });
    else update({ override: { ...current, step: 'reason', pin: value }, field: '', selected: 0 });
  };

  /** Damaged units: a quantity, then a reason; Esc cancels. */
  const onDamaged = (command: KeyCommand) => {
    const current = ui.current.damaged!;
    if (command.kind === 'back') return update({ damaged: null, field: '' });
    if (command.kind === 'erase') return setField(ui.current.field.slice(0, -1));
    if (current.step === 'reason') {
      return chooseFrom(command, DAMAGE_REASONS, (reason) => {
        send({ type: 'damaged', quantity: current.quantity, reason });
        update({ damaged: null, field: '' });
      });
    }
    if (command.kind !== 'text') return;
    if (command.text) setField(ui.current.field + command.text);
    if (!command.submit) return;
    if (!/^\d{1,6}$/.test(ui.current.field)) return localError('INVALID_QUANTITY');
    update({ damaged: { step: 'reason', quantity: Number(ui.current.field) }, field: '', selected: 0 });
  };

  /** The quantity of a replenishment request, typed; Esc cancels. */
  const onReplenish = (command: KeyCommand) => {
    if (command.kind === 'back') return update({ replenishing: false, field: '' });
    if (command.kind === 'erase') return setField(ui.current.field.slice(0, -1));
    if (command.kind !== 'text') return;
    if (command.text) setField(ui.current.field + command.text);
    if (!command.submit) return;
    if (!/^\d{1,6}$/.test(ui.current.field)) return localError('INVALID_QUANTITY');
    send({ type: 'replenish', quantity: Number(ui.current.field), note: '' });
    update({ replenishing: false, field: '' });
  };

  /** Single keys of the reception, count and look-up screens, taken when nothing is being typed. */
  const onStockKey = (screen: StationView, text: string): boolean => {
    if (screen.screen === 'receive-list' && text === '*') send({ type: 'blind-receipt' });
    else if (screen.screen === 'receive' && text === '*') send({ type: 'close' });
    else if (screen.screen === 'receive' && text === '!' && screen.pending) update({ damaged: { step: 'quantity', quantity: 0 }, field: '' });
    else if (screen.screen === 'count-list' && text === '*') send({ type: 'open-count', taskId: null });
    else if (screen.screen === 'count' && text === '*') send({ type: 'close' });
    else if (screen.screen === 'lookup' && text === '+' && screen.target?.kind === 'product') update({ replenishing: true, field: '' });
    else if (screen.screen === 'pick' && text === '+' && screen.lastShort) update({ replenishing: true, field: '' });
    else return false;
    return true;
  };

  /** Single keys of the pack screen, taken when nothing is being typed. */
  const onPackKey = (packView: Extract<StationView, { screen: 'pack' }>, text: string): boolean => {
    if (text === '@') link.reprint();
    else if (text === '*' && packView.phase === 'verify') send({ type: 'close-box' });
    else if ((text === '+' || text === '=') && (packView.phase === 'weigh' || packView.phase === 'failed')) link.scale(text === '+' ? 'zero' : 'tare');
    else if (packView.phase === 'failed' && text === '1') send({ type: 'recheck' });
    else if (packView.phase === 'failed' && text === '2') send({ type: 'reweigh' });
    else if (packView.phase === 'failed' && text === '3') update({ override: { step: 'supervisor', supervisor: '', pin: '' }, field: '' });
    else return false;
    return true;
  };

  const onCommand = (command: KeyCommand) => {
    const view = latestView.current;
    if (!view) return;
    if (ui.current.override) return onOverride(command);
    if (ui.current.damaged) return onDamaged(command);
    if (ui.current.replenishing) return onReplenish(command);
    if (shortOpen) {
      if (command.kind === 'back') return setShortOpen(false);
      return chooseFrom(command, SHORT_REASONS, (reason) => {
        setShortOpen(false);
        send({ type: 'short', reason });
      });
    }
    switch (command.kind) {
      case 'up':
        setSelected((s) => Math.max(0, s - 1));
        return;
      case 'down':
        setSelected((s) => Math.min(Math.max(0, listLength - 1), s + 1));
        return;
      case 'erase':
        setField(ui.current.field.slice(0, -1));
        if (!ui.current.field) detector.current.reset();
        return;
      case 'toggle-quantity':
        if (view.screen === 'pick' || view.screen === 'receive' || view.screen === 'count') setQuantityMode(!ui.current.quantityMode);
        return;
      case 'back':
        if (ui.current.field) setField('');
        else if (ui.current.quantityMode) setQuantityMode(false);
        else if (view.screen !== 'signin' && view.screen !== 'menu') send({ type: 'back' });
        return;
      case 'text':
        onText(command.text, command.submit);
        return;
    }
  };

  const onText = (text: string, submit: boolean) => {
    const view = latestView.current;
    if (!view) return;
    if (view.screen === 'menu' && !ui.current.field) {
      const choice = /^[1-6]$/.test(text) ? Number(text) - 1 : submit ? ui.current.selected : -1;
      const item = MENU_ITEMS[choice];
      if (item === 'sign-out') send({ type: 'sign-out' });
      else if (item) send({ type: 'menu', choice: item });
      return;
    }
    if (view.screen === 'pack' && !ui.current.field && !submit && onPackKey(view, text)) return;
    if (view.screen === 'pick' && view.emptyCheck && submit) {
      // Enter alone: the bin is empty; a number: what is left in it
      const typed = (ui.current.field + text).trim();
      setField('');
      if (typed && !/^\d{1,6}$/.test(typed)) return localError('INVALID_QUANTITY');
      return send({ type: 'empty-check', remaining: typed ? Number(typed) : 0 });
    }
    if (!ui.current.field && !submit && !ui.current.quantityMode && onStockKey(view, text)) return;
    if (view.screen === 'pack-done' && !ui.current.field && text === '@') return link.reprint();
    if (view.screen === 'pick' && !ui.current.field && !ui.current.quantityMode && (text === '!' || text === '>')) {
      if (text === '!') update({ selected: 0, shortOpen: true });
      else send({ type: 'postpone' });
      return;
    }
    if (text) {
      detector.current.typed(text.length, performance.now());
      setField(ui.current.field + text);
    }
    if (!submit) return;
    if (submitField()) return;
    const chosen = view.screen === 'pick-orders' || view.screen === 'pack-orders' ? view.orders[ui.current.selected] : undefined;
    if (chosen) send(view.screen === 'pick-orders' ? { type: 'open-order', orderId: chosen.id } : { type: 'open-pack-order', orderId: chosen.id });
    if (view.screen === 'pick-done' || view.screen === 'pack-done') send({ type: 'finish' });
    if (view.screen === 'receive-list' && view.receipts[ui.current.selected]) send({ type: 'open-receipt', ref: view.receipts[ui.current.selected]!.number });
    if (view.screen === 'count-list' && view.tasks[ui.current.selected]) send({ type: 'open-count', taskId: view.tasks[ui.current.selected]!.id });
    if ((view.screen === 'receive' || view.screen === 'count') && view.phase === 'done') send({ type: 'finish' });
    else if (view.screen === 'count') send({ type: 'confirm-line' });
    if (view.screen === 'pack' && view.phase === 'box' && view.boxes[ui.current.selected]) send({ type: 'box', code: view.boxes[ui.current.selected]!.code });
    if (view.screen === 'pack' && view.phase === 'carrier' && !view.carrier && view.carriers[ui.current.selected]) send({ type: 'carrier', carrier: view.carriers[ui.current.selected]! });
  };

  useInput((input, key) => {
      for (const command of keyCommands(input, key)) onCommand(command);
  });

  useEffect(() => {
    if (snapshot.phase === 'unauthorized') {
      // coded, so `quai tui` says it as a typed refusal, not as a bug
      const timer = setTimeout(() => exit(Object.assign(new Error(t('app.unauthorized')), { code: TOKEN_REFUSED })), 100);
      return () => clearTimeout(timer);
    }
  }, [snapshot.phase]);

  const bodyHeight = Math.max(3, rows - CHROME_ROWS);
  let body;
  if (snapshot.phase === 'unauthorized') body = <Text color={theme.error}>{theme.symbols.error} {t('app.unauthorized')}</Text>;
  else if (!view) body = <Text>{t('app.connecting')}</Text>;
  else if (shortOpen) body = <ShortReasonScreen selected={selected} t={t} theme={theme} />;
  else if (damaged?.step === 'reason') body = <ChoiceList items={DAMAGE_REASONS.map((r, i) => `${i + 1} ${t(`damage.${r}`)}`)} selected={selected} height={DAMAGE_REASONS.length} theme={theme} />;
  else if (override) body = <OverrideScreen step={override.step} supervisor={override.supervisor} selected={selected} t={t} theme={theme} />;
  else {
    switch (view.screen) {
      case 'signin': body = <SignInScreen t={t} theme={theme} {...(signInHint ? { hint: signInHint } : {})} />; break;
      case 'menu': body = <MenuScreen pausedOrder={view.pausedOrder} pausedPack={view.pausedPack} rejected={snapshot.status?.rejected ?? 0} selected={selected} t={t} theme={theme} />; break;
      case 'pack': body = <PackScreen view={view} selected={selected} height={bodyHeight} compact={compact} t={t} theme={theme} />; break;
      case 'pack-done': body = <PackDoneScreen view={view} height={bodyHeight} t={t} theme={theme} />; break;
      case 'receive-list': body = <ReceiveListScreen view={view} selected={selected} height={bodyHeight} t={t} theme={theme} />; break;
      case 'receive': body = <ReceiveScreen view={view} height={bodyHeight} t={t} theme={theme} />; break;
      case 'count-list': body = <CountListScreen view={view} selected={selected} height={bodyHeight} t={t} theme={theme} />; break;
      case 'count': body = <CountScreen view={view} height={bodyHeight} t={t} theme={theme} />; break;
      case 'lookup': body = <LookupScreen view={view} height={bodyHeight} compact={compact} t={t} theme={theme} />; break;
      case 'pick-orders':
      case 'pack-orders': body = <OrderListScreen view={view} selected={selected} height={bodyHeight} compact={compact} t={t} theme={theme} />; break;
      case 'pick': body = <PickLineScreen view={view} compact={compact} t={t} theme={theme} />; break;
      case 'pick-done': body = <PickDoneScreen view={view} height={bodyHeight} t={t} theme={theme} />; break;
    }
  }
  const inputLabel =
    damaged?.step === 'quantity'
      ? t('input.damaged')
      : replenishing
        ? t('input.replenish')
        : override?.step === 'supervisor'
      ? t('input.supervisor')
      : override?.step === 'pin'
        ? t('input.pin')
        : view?.screen === 'signin'
          ? t('input.code')
          : quantityMode
            ? t('input.quantity')
            : view?.screen === 'pack' && view.phase === 'carrier' && view.carrier
              ? t('input.tracking')
              : t('input.scan');
  // a PIN is never shown, not even while typed
  const shownField = override?.step === 'pin' ? '•'.repeat(ui.current.field.length) : ui.current.field;
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box flexShrink={0} flexDirection="column">
        <StatusBar status={snapshot.status} t={t} theme={theme} compact={compact} />
        {snapshot.phase === 'retrying' ? (
          <Text color={theme.error}>
            {theme.symbols.offline} {t('app.reconnecting')}
          </Text>
        ) : snapshot.status?.devicesOffline.length ? (
          <Text color={theme.error} bold wrap="truncate">
            {theme.symbols.warn} {t('devices.offline', { ids: snapshot.status.devicesOffline.join(', ') })}
          </Text>
        ) : snapshot.status?.scale ? (
          <ScaleLine scale={snapshot.status.scale} columns={columns} t={t} theme={theme} />
        ) : (
          <Text dimColor>{'─'.repeat(Math.max(0, columns - 1))}</Text>
        )}
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        {body}
      </Box>
      <Box flexShrink={0} flexDirection="column">
        <FeedbackLine feedback={feedback} t={t} theme={theme} />
        <InputLine label={inputLabel} value={shownField} theme={theme} />
        <KeyHints text={t(hintsKey(view, shortOpen, override !== null, compact))} theme={theme} />
      </Box>
    </Box>
  );
}
