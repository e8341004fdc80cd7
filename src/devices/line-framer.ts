/**
 * Splits a byte stream into frames on a delimiter. Bytes are read as latin1 so that GS (0x1D),
 * STX and any 8-bit byte survive as themselves. A frame longer than `maxLength` without a
 * delimiter is given up as garbled, so a device stuck sending noise cannot grow memory.
 */
export class LineFramer {
  private buffer = '';

  constructor(
    private readonly delimiter: string,
    private readonly maxLength = 1024,
  ) {}

  push(chunk: Buffer | string): { frames: string[]; overflow: string[] } {
    this.buffer += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    const frames: string[] = [];
    const overflow: string[] = [];
    let at: number;
    while ((at = this.buffer.indexOf(this.delimiter)) >= 0) {
      frames.push(this.buffer.slice(0, at));
      this.buffer = this.buffer.slice(at + this.delimiter.length);
    }
    if (this.buffer.length > this.maxLength) {
      overflow.push(this.buffer);
      this.buffer = '';
    }
    return { frames, overflow };
  }

  reset(): void {
    this.buffer = '';
  }
}
