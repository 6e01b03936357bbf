/**
 * Line and column lookups for errors and warnings in a possibly huge text. Documents are visited in order,
 * so a checkpoint at the current document's start keeps every lookup within that document.
 */
export class LinePositions {
  private checkpoint = 0;
  private checkpointLine = 1;
  private checkpointLineStart = 0;

  constructor(private readonly text: string) {}

  /** Moves the checkpoint to `offset` (normally the start of the next document). */
  moveTo(offset: number): void {
    if (offset < this.checkpoint) {
      this.checkpoint = 0;
      this.checkpointLine = 1;
      this.checkpointLineStart = 0;
    }
    const { line, lineStart } = this.scan(offset);
    this.checkpoint = offset;
    this.checkpointLine = line;
    this.checkpointLineStart = lineStart;
  }

  /** 1-based line and column of `offset`. */
  at(offset: number): { line: number; column: number } {
    if (offset < this.checkpoint) this.moveTo(0);
    const end = Math.min(Math.max(offset, 0), this.text.length);
    const { line, lineStart } = this.scan(end);
    return { line, column: end - lineStart + 1 };
  }

  private scan(to: number): { line: number; lineStart: number } {
    let line = this.checkpointLine;
    let lineStart = this.checkpointLineStart;
    for (let at = this.text.indexOf('\n', this.checkpoint); at >= 0 && at < to; at = this.text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    return { line, lineStart };
  }
}
