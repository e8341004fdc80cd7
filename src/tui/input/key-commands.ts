import type { Key } from 'ink';

/** A named key, or printable text (possibly a whole scanner burst; `submit` when it ended with Enter). */
export type KeyCommand = { kind: 'key'; key: 'up' | 'down' | 'esc' | 'tab' | 'backspace' | 'quit' } | { kind: 'text'; text: string; submit: boolean };

const GS = '\x1d';

/**
 * Splits a chunk of several keys (a scanner burst, keys typed faster than a frame, a paste)
 * into commands, in order: text runs, Enter, Tab and Backspace each keep their meaning.
 */
function splitChunk(input: string): KeyCommand[] {
  const commands: KeyCommand[] = [];
  let text = '';
  const flush = (submit: boolean) => {
    if (text || submit) commands.push({ kind: 'text', text, submit });
    text = '';
  };
  for (const char of input) {
    if (char === '\r' || char === '\n') flush(true);
    else if (char === '\t') {
      flush(false);
      commands.push({ kind: 'key', key: 'tab' });
    } else if (char === '\x7f' || char === '\b') {
      flush(false);
      commands.push({ kind: 'key', key: 'backspace' });
    } else if (char === GS || char >= ' ') text += char;
  }
  flush(false);
  return commands;
}

/** Ink's key flags and raw input turned into keys the binding tables name. */
export function keyCommands(input: string, key: Key): KeyCommand[] {
  if (input.length > 1 && !input.startsWith('\x1b')) return splitChunk(input);
  if (key.upArrow) return [{ kind: 'key', key: 'up' }];
  if (key.downArrow) return [{ kind: 'key', key: 'down' }];
  if (key.escape) return [{ kind: 'key', key: 'esc' }];
  if (key.tab) return [{ kind: 'key', key: 'tab' }];
  if (key.backspace || key.delete) return [{ kind: 'key', key: 'backspace' }];
  if (key.return) return [{ kind: 'text', text: '', submit: true }];
  if (input === GS) return [{ kind: 'text', text: GS, submit: false }];
  if (key.ctrl && input === 'c') return [{ kind: 'key', key: 'quit' }];
  if (key.ctrl || key.meta) return [];
  return splitChunk(input);
}
