import { PassThrough, Writable } from 'node:stream';

/** A terminal for Ink inside the benchmark: records when each frame is written. */
export function fakeTerminal(columns: number, rows: number) {
  const frames: { at: number; text: string }[] = [];
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        frames.push({ at: performance.now(), text: String(chunk) });
        done();
      },
    }),
    { columns, rows, isTTY: true },
  ) as unknown as NodeJS.WriteStream;
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin, ref: () => stdin, unref: () => stdin }) as unknown as NodeJS.ReadStream;
  return { stdout, stdin, frames };
}
