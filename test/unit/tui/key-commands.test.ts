import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { keyCommands } from '../../../src/tui/input/key-commands.js';

const noKey = {} as Key;

describe('key commands', () => {
  it('splits a burst into text, Enter and Tab in order', () => {
    expect(keyCommands('A-01\r376\t2\r', noKey)).toEqual([
      { kind: 'text', text: 'A-01', submit: true },
      { kind: 'text', text: '376', submit: false },
      { kind: 'key', key: 'tab' },
      { kind: 'text', text: '2', submit: true },
    ]);
  });

  it('keeps GS from a GS1 scan and drops other control characters', () => {
    expect(keyCommands('0109521234543213\x1d10L1\x07\r', noKey)).toEqual([{ kind: 'text', text: '0109521234543213\x1d10L1', submit: true }]);
  });

  it('maps single keys by their flags', () => {
    expect(keyCommands('', { ...noKey, upArrow: true })).toEqual([{ kind: 'key', key: 'up' }]);
    expect(keyCommands('', { ...noKey, escape: true })).toEqual([{ kind: 'key', key: 'esc' }]);
    expect(keyCommands('\r', { ...noKey, return: true })).toEqual([{ kind: 'text', text: '', submit: true }]);
    expect(keyCommands('c', { ...noKey, ctrl: true })).toEqual([{ kind: 'key', key: 'quit' }]);
    expect(keyCommands('x', { ...noKey, ctrl: true })).toEqual([]);
  });
});
