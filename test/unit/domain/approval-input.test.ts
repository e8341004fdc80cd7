import { describe, expect, it } from 'vitest';
import { approvalNoteProblem, noteProblem, pinProblem } from '../../../src/domain/approval-input.js';
import { stationContext } from '../../helpers/station-context.js';
import { initialStationState, reduceStation, type StationIntent, type StationState } from '../../../src/domain/workflows/station.js';

const ctx = stationContext();
const signedIn: StationState = { ...initialStationState(), operator: { code: 'OP01', name: 'Marie Dubois' }, screen: 'menu' };

describe('what a supervisor types into an approval', () => {
  it('a PIN is 4 to 12 digits; the refusal names neither the PIN nor its length', () => {
    for (const pin of ['1234', '000000000000']) expect(pinProblem(pin)).toBeNull();
    for (const pin of ['abcd', '12a4', '123', '1234567890123', '12\u00074', ' 1234', '']) expect(pinProblem(pin)).toEqual({ code: 'APPROVAL_PIN_INVALID' });
  });

  it('a note is 1 to 200 characters of text without control characters, trimmed', () => {
    expect(noteProblem('  carton abîmé  ')).toBeNull();
    expect(noteProblem('x'.repeat(200))).toBeNull();
    expect(noteProblem('   ')).toEqual({ code: 'APPROVAL_NOTE_REQUIRED' });
    expect(noteProblem('x'.repeat(201))).toEqual({ code: 'APPROVAL_NOTE_TOO_LONG', params: { max: 200 } });
    for (const note of ['a\u0000b', 'a\tb', 'a\nb', 'a\u007fb', 'a\u009bb']) expect(noteProblem(note)).toEqual({ code: 'APPROVAL_NOTE_INVALID' });
  });

  it('reason "other" needs a note; another reason may have one, checked alike', () => {
    expect(approvalNoteProblem('other', null)).toEqual({ code: 'APPROVAL_NOTE_REQUIRED' });
    expect(approvalNoteProblem('other', ' ')).toEqual({ code: 'APPROVAL_NOTE_REQUIRED' });
    expect(approvalNoteProblem('other', 'boîte déchirée')).toBeNull();
    expect(approvalNoteProblem('packaging-variance', undefined)).toBeNull();
    expect(approvalNoteProblem('packaging-variance', 'a\u0007')).toEqual({ code: 'APPROVAL_NOTE_INVALID' });
  });
});

describe('the station answers a supervisor code and refuses bad approval input, changing nothing', () => {
  const answer = (intent: StationIntent) => reduceStation(signedIn, intent, ctx);
  it('a supervisor, not one, or locked', () => {
    const paul = { code: 'SUP1', name: 'Paul Lefèvre' };
    expect(answer({ type: 'supervisor-check', entered: 'B9001', supervisor: paul, lockedUntil: null })).toEqual({ state: signedIn, events: [], feedback: { level: 'info', code: 'SUPERVISOR_OK', params: { supervisor: 'SUP1', name: 'Paul Lefèvre' } } });
    expect(answer({ type: 'supervisor-check', entered: 'OP02', supervisor: null, lockedUntil: null })).toEqual({ state: signedIn, events: [], feedback: { level: 'error', code: 'SUPERVISOR_UNKNOWN', params: { supervisor: 'OP02' } } });
    expect(answer({ type: 'supervisor-check', entered: 'SUP1', supervisor: paul, lockedUntil: '10:01:00' })).toEqual({ state: signedIn, events: [], feedback: { level: 'error', code: 'SUPERVISOR_LOCKED', params: { supervisor: 'SUP1', until: '10:01:00' } } });
  });

  it('a PIN or note that cannot be', () => {
    expect(answer({ type: 'approval-refused', problem: { code: 'APPROVAL_NOTE_REQUIRED' } })).toEqual({ state: signedIn, events: [], feedback: { level: 'error', code: 'APPROVAL_NOTE_REQUIRED' } });
  });

  it('not before sign-in', () => {
    expect(reduceStation(initialStationState(), { type: 'supervisor-check', entered: 'SUP1', supervisor: null, lockedUntil: null }, ctx).feedback).toMatchObject({ code: 'SIGN_IN_FIRST' });
  });
});
