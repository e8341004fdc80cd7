import { readSecretFile } from '../runtime/secret-file.js';

/** A PIN from a 0600 file, or from standard input for '-' (piped, or typed: a PIN never goes on a command line, where `ps` shows it). */
export async function readPin(source: string): Promise<string> {
  if (source !== '-') return readSecretFile(source);
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.trim();
}
