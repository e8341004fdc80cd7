import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/tui/i18n/messages-en.js';
import { fr } from '../../../src/tui/i18n/messages-fr.js';
import textWidth from '../../../src/tui/text-width.js';

describe('the terminal bundle’s text width', () => {
  it('gives string-width’s width for every code point of the BMP, alone, after a letter and in bold', () => {
    const differ: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const char = String.fromCharCode(code);
      for (const text of [char, `a${char}`, `\u001b[1m${char}\u001b[22m`]) if (textWidth(text) !== stringWidth(text)) differ.push(`U+${code.toString(16)} in ${JSON.stringify(text)}`);
    }
    expect(differ).toEqual([]);
  });

  it('gives string-width’s width for every screen text, with combining marks, emoji and ANSI codes', () => {
    const texts = [...Object.values(fr), ...Object.values(en), 'é', 'e\u0301', '👍🏽', '✔\ufe0f', '\u001b[31m─›\u001b[39m', '\u001b[1m\u001b[33mScan › \u001b[39m\u001b[22m\u001b[7m \u001b[27m', '\u001b[31m日\u001b[39m', '\u001b]8;;x\u0007l\u001b]8;;\u0007', '日本', '', 'Connexion à l’agent en cours'];
    for (const text of texts) expect(textWidth(text), text).toBe(stringWidth(text));
    expect(textWidth('○ ─ ›', { ambiguousIsNarrow: false })).toBe(stringWidth('○ ─ ›', { ambiguousIsNarrow: false }));
  });
});
