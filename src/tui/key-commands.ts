import type { Key } from 'ink';

/** What a key press asks for, whatever screen is showing; the screens decide what it means. */
export type KeyCommand =
  | { kind: 'up' }
  | { kind: 'down' }
  | { kind: 'back' }
  | { kind: 'toggle-quantity' }
  | { kind: 'erase' }
  /** Printable text, possibly a whole scanner burst; `submit` when it ended with Enter. */
  | { kind: 'text'; text: string; submit: boolean };

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
      commands.push({ kind: 'toggle-quantity' });
    } else if (char === '\x7f' || char === '\b') {
      flush(false);
      commands.push({ kind: 'erase' });
    } else if (char === GS || char >= ' ') text += char;
  }
  flush(false);
  return commands;
}

/** Key bindings as data: Ink's key flags and raw input turned into commands. */
export function keyCommands(input: string, key: Key): KeyCommand[] {
  if (input.length > 1 && !input.startsWith('\x1b')) return splitChunk(input);
  if (key.upArrow) return [{ kind: 'up' }];
  if (key.downArrow) return [{ kind: 'down' }];
  if (key.escape) return [{ kind: 'back' }];
  if (key.tab) return [{ kind: 'toggle-quantity' }];
  if (key.backspace || key.delete) return [{ kind: 'erase' }];
  if (key.return) return [{ kind: 'text', text: '', submit: true }];
  if (input === GS) return [{ kind: 'text', text: GS, submit: false }];
  if (key.ctrl || key.meta) return [];
  return splitChunk(input);
}
