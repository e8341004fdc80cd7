import { Box, Text, useApp } from 'ink';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { DAMAGE_REASONS, SHORT_REASONS } from '../domain/events.js';
import type { FeedbackView, StationView } from '../protocol/local-api.js';
import { TOKEN_REFUSED, type AgentLink } from './agent-link.js';
import { FeedbackLine, feedbackAfterPin, feedbackText } from './components/feedback-line.js';
import { InputLine } from './components/input-line.js';
import { KeyHints } from './components/key-hints.js';
import { ScaleLine } from './components/scale-line.js';
import { StatusBar } from './components/status-bar.js';
import { WrappedText, rowsOf } from './components/wrapped-text.js';
import { TerminalProvider, useT, useTerminalSize, useTheme } from './context/terminal-context.js';
import { SiteClockProvider, terminalTimeZone } from './context/site-clock.js';
import type { Translate } from './i18n/translate.js';
import { activeBindings, helpBindings } from './input/bindings.js';
import type { UiIntent } from './input/reduce-ui.js';
import { pickingLineOf } from './input/picking-line.js';
import type { UiState } from './input/ui-state.js';
import { BatchScreen, batchHelpKey } from './screens/batch-screen.js';
import { ConfirmScreen } from './screens/confirm-screen.js';
import { CountListScreen, CountScreen } from './screens/count-screen.js';
import { HelpScreen } from './screens/help-screen.js';
import { QuantityScreen } from './screens/quantity-screen.js';
import { LookupScreen } from './screens/lookup-screen.js';
import { MenuScreen } from './screens/menu-screen.js';
import { OrderListScreen } from './screens/order-list-screen.js';
import { OverrideScreen } from './screens/override-screen.js';
import { PackDoneScreen, PackScreen } from './screens/pack-screen.js';
import { PickDoneScreen } from './screens/pick-done-screen.js';
import { PickLineScreen } from './screens/pick-line-screen.js';
import { ReadingScreen } from './screens/reading-screen.js';
import { ReasonScreen } from './screens/reason-screen.js';
import { ReceiveListScreen, ReceiveScreen } from './screens/receive-screen.js';
import { SignInScreen } from './screens/sign-in-screen.js';
import type { Theme } from './theme.js';
import { useStationKeys } from './use-station-keys.js';
import type { WedgeSettings } from './wedge-detector.js';

export interface AppProps {
  link: AgentLink;
  wedge?: WedgeSettings;
  t: Translate;
  theme: Theme;
  /** Shown on the sign-in screen by the demo: the operator code to type. */
  signInHint?: string;
  bell: () => void;
  /** The clock relative times are read against (ms since the epoch); `Date.now` unless a test fixes it. */
  clock?: () => number;
}

/** What the input line asks for, in words: the label names what to type and its unit. */
function inputLabel(t: Translate, ui: UiState, view: StationView | null): string {
  const modal = ui.modal;
  if (modal?.kind === 'quantity') return t('input.quantityAdd');
  if (modal?.kind === 'damaged' && modal.step === 'quantity') return t('input.damaged');
  if (modal?.kind === 'replenish') return t('input.replenish');
  if (modal?.kind === 'lot') return t('input.lot');
  if (modal?.kind === 'typed-weight') return t('input.weight');
  // the PIN prompt shows once the agent said the code may approve
  if (modal?.kind === 'override' && (modal.step === 'supervisor' || modal.step === 'checking')) return t('input.supervisor');
  if (modal?.kind === 'override' && modal.step === 'pin') return t('input.pin');
  if (modal?.kind === 'override' && modal.step === 'note') return t('input.note');
  if (modal?.kind === 'override' && modal.step === 'reason') return t('input.choice');
  if (view?.screen === 'signin') return t('input.code');
  if (view?.screen === 'menu') return t('input.choice');
  if (pickingLineOf(view)?.emptyCheck) return t('input.remaining');
  if (view?.screen === 'batch' && view.phase === 'cart') return t('input.cart');
  if (view?.screen === 'batch' && (view.phase === 'totes' || view.phase === 'put')) return t('input.tote');
  if (view?.screen === 'pack' && view.phase === 'carrier' && view.carrier) return t('input.tracking');
  return t('input.scan');
}

function Body({ view, ui, height, rejected, signInHint, feedback }: { view: StationView; ui: UiState; height: number; rejected: number; signInHint?: string | undefined; feedback: FeedbackView | null }) {
  const modal = ui.modal;
  const line = pickingLineOf(view)?.line;
  if (modal?.kind === 'help') return <HelpScreen bindings={helpBindings({ ui: { ...ui, modal: modal.under }, view })} about={modal.under ? null : batchHelpKey(view)} height={height} />;
  if (modal?.kind === 'confirm') return <ConfirmScreen confirmation={modal.confirmation} />;
  if (modal?.kind === 'quantity') return <QuantityScreen view={view} typed={ui.field} />;
  if (modal?.kind === 'short') return <ReasonScreen title="short.title" context={line ? `${line.productCode} ${line.picked}/${line.quantity}` : undefined} reasons={SHORT_REASONS} prefix="short" selected={ui.selected} height={height} />;
  if (modal?.kind === 'damaged' && modal.step === 'reason') return <ReasonScreen title="receive.damagedReason" context={`${modal.quantity} × ${view.screen === 'receive' && view.pending ? view.pending.productCode : ''}`.trim()} reasons={DAMAGE_REASONS} prefix="damage" selected={ui.selected} height={height} />;
  if (modal?.kind === 'reading') return <ReadingScreen modal={modal} selected={ui.selected} height={height} />;
  if (modal?.kind === 'override') return <OverrideScreen approval={modal.approval} step={modal.step} supervisor={modal.supervisor} reason={modal.reason} selected={ui.selected} height={height} />;
  switch (view.screen) {
    case 'signin': return <SignInScreen hint={signInHint} />;
    case 'menu': return <MenuScreen view={view} rejected={rejected} selected={ui.selected} height={height} />;
    case 'pack': return <PackScreen view={view} selected={ui.selected} height={height} />;
    case 'pack-done': return <PackDoneScreen view={view} height={height} />;
    case 'receive-list': return <ReceiveListScreen view={view} selected={ui.selected} height={height} />;
    case 'receive': return <ReceiveScreen view={view} height={height} />;
    case 'count-list': return <CountListScreen view={view} selected={ui.selected} height={height} />;
    case 'count': return <CountScreen view={view} height={height} />;
    case 'lookup': return <LookupScreen view={view} height={height} />;
    case 'pick-orders':
    case 'pack-orders': return <OrderListScreen view={view} selected={ui.selected} height={height} />;
    case 'pick': return <PickLineScreen view={view} />;
    case 'pick-done': return <PickDoneScreen view={view} height={height} />;
    case 'batch': return <BatchScreen view={view} height={height} feedback={feedback} />;
  }
}

function Station({ link, signInHint, bell, wedge, clock = Date.now }: Omit<AppProps, 't' | 'theme'>) {
  const t = useT();
  const theme = useTheme();
  const { columns, rows } = useTerminalSize();
  const subscribe = useCallback((onChange: () => void) => link.subscribe(onChange), [link]);
  const snapshot = useSyncExternalStore(subscribe, () => link.current);
  const { exit } = useApp();
  const [localFeedback, setLocalFeedback] = useState<FeedbackView | null>(null);
  const view = snapshot.view;

  const perform = (intent: UiIntent) => {
    switch (intent.kind) {
      case 'send': return link.send(intent.intent);
      case 'reprint': return link.reprint();
      case 'scale':
        // the scale may take up to 3 s to answer: say at once that it was asked
        setLocalFeedback({ id: Date.now(), level: 'info', code: 'SCALE_ASKED', params: { command: intent.command } });
        return link.scale(intent.command);
      case 'error': return setLocalFeedback({ id: Date.now(), level: 'error', code: intent.code, ...(intent.params && { params: intent.params }) });
      case 'clear-error': return setLocalFeedback((shown) => (shown?.level === 'error' ? null : shown));
      case 'exit': return exit();
    }
  };
  const ui = useStationKeys(view, snapshot.feedback, wedge, perform, snapshot.keyboard, link);

  const latest = [snapshot.feedback, localFeedback].filter((f): f is FeedbackView => f !== null).sort((a, b) => b.id - a.id)[0] ?? null;
  // an approval past its PIN (reason or note step): the supervisor's "type the PIN" no longer holds
  const pinTaken = useRef<number | null>(null);
  if (latest?.code === 'SUPERVISOR_OK' && ui.modal?.kind === 'override' && (ui.modal.step === 'reason' || ui.modal.step === 'note')) pinTaken.current = latest.id;
  const feedback = feedbackAfterPin(latest, pinTaken.current);
  const lastBell = useRef(0);
  useEffect(() => {
    if (feedback?.level === 'error' && feedback.id !== lastBell.current) {
      lastBell.current = feedback.id;
      bell();
    }
  }, [feedback?.id]);

  useEffect(() => {
    if (snapshot.phase === 'unauthorized') {
      // coded, so `quai tui` says it as a typed refusal, not as a bug
      const timer = setTimeout(() => exit(Object.assign(new Error(t('app.unauthorized')), { code: TOKEN_REFUSED })), 100);
      return () => clearTimeout(timer);
    }
  }, [snapshot.phase]);

  const status = snapshot.status;
  const devicesOffline = status?.devicesOffline.length ? `${theme.symbols.warn} ${t('devices.offline', { ids: status.devicesOffline.join(', ') })}` : null;
  // status bar, its second line and the feedback (both may wrap), input and hints; Ink keeps the last row
  const feedbackRows = feedback ? rowsOf(`✖ ${feedbackText(t, feedback)}`, columns - 1) : 1;
  const secondRows = snapshot.phase === 'retrying' ? rowsOf(`○ ${t('app.reconnecting')}`, columns - 1) : devicesOffline ? rowsOf(devicesOffline, columns - 1) : 1;
  const bodyHeight = Math.max(3, rows - 1 - 1 - secondRows - feedbackRows - 2);
  let body;
  if (snapshot.phase === 'unauthorized') body = <Text color={theme.error} wrap="wrap">{theme.symbols.error} {t('app.unauthorized')}</Text>;
  else if (!view) body = <Text wrap="wrap">{t('app.connecting')}</Text>;
  else
    body = (
      <SiteClockProvider clock={clock} timeZone={snapshot.timeZone ?? terminalTimeZone()}>
        <Body view={view} ui={ui} height={bodyHeight} rejected={status?.rejected ?? 0} signInHint={signInHint} feedback={feedback} />
      </SiteClockProvider>
    );
  // a PIN is never shown, not even while typed (nor typed ahead, while the code is checked)
  const shownField = ui.modal?.kind === 'override' && (ui.modal.step === 'pin' || ui.modal.step === 'checking') ? '•'.repeat(ui.field.length) : ui.field;
  return (
    <Box flexDirection="column" width={columns} height={rows - 1}>
      <Box flexShrink={0} flexDirection="column">
        <StatusBar status={status} phase={snapshot.phase} />
        {snapshot.phase === 'retrying' ? (
          <WrappedText color={theme.error}>{`${theme.symbols.offline} ${t('app.reconnecting')}`}</WrappedText>
        ) : devicesOffline ? (
          <WrappedText color={theme.error} bold>
            {devicesOffline}
          </WrappedText>
        ) : status?.scale ? (
          <ScaleLine scale={status.scale} />
        ) : (
          <Text dimColor>{'─'.repeat(Math.max(0, columns - 1))}</Text>
        )}
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">
        {/* rows never shrink: what does not fit is left below the edge, never squeezed out of the middle */}
        <Box flexDirection="column" flexShrink={0}>
          {body}
        </Box>
      </Box>
      <Box flexShrink={0} flexDirection="column">
        <FeedbackLine feedback={feedback} />
        <InputLine label={inputLabel(t, ui, view)} value={shownField} />
        <KeyHints bindings={activeBindings({ ui, view })} />
      </Box>
    </Box>
  );
}

/** The terminal: one station's screen, pushed by the agent; keys go through the binding tables. */
export function App({ t, theme, ...props }: AppProps) {
  return (
    <TerminalProvider t={t} theme={theme}>
      <Station {...props} />
    </TerminalProvider>
  );
}
