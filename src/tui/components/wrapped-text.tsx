import { Text, type TextProps } from 'ink';
import { useTerminalSize } from '../context/terminal-context.js';

// French puts a space before ? ! : ; and between a figure and its unit: a line never starts there
const GLUED_TO_PREVIOUS = /^([?!:;»]|g\b|kg\b|u\.|mm\b|cm\b|%)/;

/**
 * Word-wraps `text` at `width` columns the way French is set: never a line starting with `?`,
 * `:` or a unit cut from its figure; a word longer than the line is split. Pure.
 */
export function wrapWords(text: string, width: number): string[] {
  const words: string[] = [];
  for (const word of text.split(' ')) {
    if (words.length && GLUED_TO_PREVIOUS.test(word)) words[words.length - 1] += ` ${word}`;
    else words.push(word);
  }
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const joined = line ? `${line} ${word}` : word;
    if ([...joined].length <= width) {
      line = joined;
      continue;
    }
    if (line) lines.push(line);
    let rest = word;
    while ([...rest].length > width) {
      lines.push([...rest].slice(0, width).join(''));
      rest = [...rest].slice(width).join('');
    }
    line = rest;
  }
  if (line || !lines.length) lines.push(line);
  return lines;
}

/** A full-width paragraph wrapped by `wrapWords`; `indent` columns are taken before it on its row. */
export function WrappedText({ children, indent = 0, ...props }: Omit<TextProps, 'children' | 'wrap'> & { children: string; indent?: number }) {
  const { columns } = useTerminalSize();
  return (
    <Text {...props} wrap="wrap">
      {wrapWords(children, Math.max(1, columns - 1 - indent)).join('\n')}
    </Text>
  );
}

/** Rows `text` takes wrapped by `wrapWords` at `width` columns. */
export const rowsOf = (text: string, width: number): number => wrapWords(text, width).length;
