/**
 * Line numbers for offsets visited in increasing order: one forward walk
 * from line break (`\n`) to line break, shared by a scan that only moves
 * forward, so counting lines costs no second pass over the text.
 */
export class LineCursor {
  /** 1-based line of the offsets the cursor was last moved to. */
  line = 1;
  /** Offset at which that line starts. */
  lineStart = 0;
  private nextBreak: number;

  constructor(private readonly text: string) {
    this.nextBreak = text.indexOf('\n');
  }

  /** Moves to the line holding `offset`, which must not lie before the previous one's line. */
  moveTo(offset: number): void {
    const { text } = this;
    let { nextBreak } = this;
    if (nextBreak === -1 || nextBreak >= offset) return;
    let line = this.line;
    let lineStart = this.lineStart;
    while (nextBreak !== -1 && nextBreak < offset) {
      line += 1;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    this.line = line;
    this.lineStart = lineStart;
    this.nextBreak = nextBreak;
  }
}
