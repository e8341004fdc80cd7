/**
 * `text` as one word of a POSIX shell command printed for an operator to paste: as it is when it
 * holds only characters no shell treats specially, else in single quotes (a `'` inside written `'\''`).
 */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}
