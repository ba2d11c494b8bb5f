/**
 * A fast scanner that finds the spans of JSON values by pointer in text
 * that is already known to be valid JSON (it passed `JSON.parse`). It
 * descends only into values some wanted pointer leads into and skips every
 * other subtree by bracket counting, so a large file with few findings
 * costs little more than one pass over its bytes. On anything unexpected
 * it throws `ScanError`, and the caller falls back to jsonc-parser.
 */
import { pointerSegment } from '../model/normalize.js';
import { LineCursor } from './line-cursor.js';
import { PointerTree, type PointerNode } from './pointer-tree.js';

/** Start and end (exclusive) offsets of a value. */
export interface Span {
  start: number;
  end: number;
}

/** Thrown when the text is not the valid JSON the scanner expects. */
export class ScanError extends Error {}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

function skipSpace(text: string, at: number): number {
  let index = at;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 10 || code === 13 || code === 9) index += 1;
    else return index;
  }
}

/** Offset just after the string that starts (with its quote) at `at`. */
function skipString(text: string, at: number): number {
  let index = at + 1;
  for (;;) {
    const next = text.indexOf('"', index);
    if (next === -1) throw new ScanError('unterminated string');
    if (text.charCodeAt(next - 1) !== BACKSLASH) return next + 1;
    let backslashes = 1;
    for (let back = next - 2; text.charCodeAt(back) === BACKSLASH; back -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return next + 1;
    index = next + 1;
  }
}

/**
 * Finds the closing bracket of containers by jumping from bracket to
 * bracket with `indexOf`. A bracket inside a string must not count, but
 * looking at every string costs more than all else: a JSON string holds
 * no raw line break, so only the strings between the start of a bracket's
 * line and the bracket are skipped (in a pretty-printed file, a key or
 * two); the line cursor the scan counts lines with knows that start. Each
 * next offset of the characters that matter is remembered; it stays right
 * while the scan, which only moves forward, has not passed it.
 */
class ContainerSkipper {
  private quote = -1;
  private openBrace = -1;
  private closeBrace = -1;
  private openBracket = -1;
  private closeBracket = -1;

  constructor(
    private readonly text: string,
    private readonly lines: LineCursor,
  ) {}

  private nextOf(char: string, cached: number, from: number): number {
    if (cached >= from) return cached;
    const found = this.text.indexOf(char, from);
    return found === -1 ? this.text.length : found;
  }

  /** Offset just after the container that opens at `at`. */
  skip(at: number): number {
    const { text } = this;
    let depth = 1;
    // An offset known to lie outside every string.
    let safe = at + 1;
    for (;;) {
      this.openBrace = this.nextOf('{', this.openBrace, safe);
      this.closeBrace = this.nextOf('}', this.closeBrace, safe);
      this.openBracket = this.nextOf('[', this.openBracket, safe);
      this.closeBracket = this.nextOf(']', this.closeBracket, safe);
      const open = this.openBrace < this.openBracket ? this.openBrace : this.openBracket;
      const close = this.closeBrace < this.closeBracket ? this.closeBrace : this.closeBracket;
      const bracket = open < close ? open : close;
      if (bracket >= text.length) throw new ScanError('unterminated container');
      this.lines.moveTo(bracket);
      if (this.lines.lineStart > safe) safe = this.lines.lineStart;
      safe = this.pastStrings(safe, bracket);
      if (safe > bracket) continue;
      depth += bracket === open ? 1 : -1;
      safe = bracket + 1;
      if (depth === 0) return safe;
    }
  }

  /**
   * From `safe` (outside strings), skips the strings that start before
   * `bracket`: returns the offset after the last of them, which lies past
   * `bracket` when the bracket is inside a string.
   */
  private pastStrings(safe: number, bracket: number): number {
    let at = safe;
    for (;;) {
      this.quote = this.nextOf('"', this.quote, at);
      if (this.quote >= bracket) return at;
      at = skipString(this.text, this.quote);
      if (at > bracket) return at;
    }
  }
}

/** Offset just after the value that starts at `at`. */
function skipValue(text: string, at: number, containers: ContainerSkipper): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return containers.skip(at);
  let index = at;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code <= 32) break;
    index += 1;
  }
  if (index === at) throw new ScanError('expected a value');
  return index;
}

/** A wanted container the scan is inside. */
interface Frame {
  node: PointerNode;
  array: boolean;
  /** Index of the current member (arrays). */
  index: number;
  /** Position in `node.items` of the next wanted member (arrays). */
  cursor: number;
}

/**
 * One forward pass over valid JSON that finds the values of a pointer
 * tree: it descends only into values some node lies below and skips every
 * other value whole.
 */
class TreeScan {
  /**
   * Offsets of value starts and ends, in the (increasing) order the scan
   * meets them: two per node, so the lists are sized once from the tree.
   * A key given twice in one object records its node again, so a full list
   * grows rather than drop what follows.
   */
  offsets: Int32Array;
  /** Line of each offset (counting `\n` only). */
  lines: Int32Array;
  /** Column of each offset, in UTF-16 code units. */
  columns: Int32Array;
  /** Slots used so far. */
  recorded = 0;
  private readonly cursor: LineCursor;
  private readonly containers: ContainerSkipper;
  private readonly stack: Frame[] = [];
  private at = 0;
  /** The node of the value at `at`, if one is wanted. */
  private node: PointerNode | undefined;

  constructor(private readonly text: string, root: PointerNode, nodes: number) {
    this.offsets = new Int32Array(2 * nodes);
    this.lines = new Int32Array(2 * nodes);
    this.columns = new Int32Array(2 * nodes);
    this.cursor = new LineCursor(text);
    this.containers = new ContainerSkipper(text, this.cursor);
    this.node = root;
  }

  /** Records an offset; returns its slot. */
  private record(offset: number): number {
    const { cursor } = this;
    cursor.moveTo(offset);
    const slot = this.recorded;
    if (slot === this.offsets.length) this.grow();
    this.offsets[slot] = offset;
    this.lines[slot] = cursor.line;
    this.columns[slot] = offset - cursor.lineStart + 1;
    this.recorded = slot + 1;
    return slot;
  }

  /** Doubles the room of the lists, keeping what they hold. */
  private grow(): void {
    const size = 2 * this.offsets.length + 2;
    const larger = (list: Int32Array): Int32Array => {
      const copy = new Int32Array(size);
      copy.set(list);
      return copy;
    };
    this.offsets = larger(this.offsets);
    this.lines = larger(this.lines);
    this.columns = larger(this.columns);
  }

  run(): void {
    const { text } = this;
    this.at = skipSpace(text, 0);
    for (;;) {
      if (this.at >= text.length) throw new ScanError('unexpected end');
      if (!this.value()) continue;
      if (!this.afterValue()) return;
    }
  }

  /** Reads or enters the value at `at`; false when it entered a container with a first member. */
  private value(): boolean {
    const { text, node } = this;
    if (node === undefined) {
      this.at = skipValue(text, this.at, this.containers);
      return true;
    }
    const code = text.charCodeAt(this.at);
    node.startSlot = this.record(this.at);
    if (node.keys === undefined || (code !== OPEN_BRACE && code !== OPEN_BRACKET)) {
      this.at = skipValue(text, this.at, this.containers);
      node.endSlot = this.record(this.at);
      return true;
    }
    const inside = skipSpace(text, this.at + 1);
    const closing = text.charCodeAt(inside);
    if (closing === CLOSE_BRACE || closing === CLOSE_BRACKET) {
      this.at = inside + 1;
      node.endSlot = this.record(this.at);
      return true;
    }
    const frame: Frame = { node, array: code === OPEN_BRACKET, index: 0, cursor: 0 };
    this.stack.push(frame);
    this.member(frame, inside);
    return false;
  }

  /** Moves to the member that starts at `at` in `frame`'s container. */
  private member(frame: Frame, at: number): void {
    if (frame.array) {
      const next = frame.node.items?.[frame.cursor];
      if (next !== undefined && next.index === frame.index) {
        this.node = next;
        frame.cursor += 1;
      } else {
        this.node = undefined;
      }
      this.at = at;
      return;
    }
    const { text } = this;
    if (text.charCodeAt(at) !== QUOTE) throw new ScanError('expected a key');
    const end = skipString(text, at);
    const raw = text.slice(at + 1, end - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
    const colon = skipSpace(text, end);
    if (text.charCodeAt(colon) !== COLON) throw new ScanError('expected a colon');
    this.node = frame.node.keys?.get(pointerSegment(key));
    this.at = skipSpace(text, colon + 1);
  }

  /** Closes finished containers or moves to the next member; false at the end of the document. */
  private afterValue(): boolean {
    const { text, stack } = this;
    for (;;) {
      this.at = skipSpace(text, this.at);
      const frame = stack[stack.length - 1];
      if (frame === undefined) return false;
      const next = text.charCodeAt(this.at);
      if (next === COMMA) {
        frame.index += 1;
        this.member(frame, skipSpace(text, this.at + 1));
        return true;
      }
      if (next !== (frame.array ? CLOSE_BRACKET : CLOSE_BRACE)) {
        throw new ScanError('expected , or a closing bracket');
      }
      this.at += 1;
      frame.node.endSlot = this.record(this.at);
      stack.pop();
    }
  }
}

/** Where a scan found values: offsets in increasing order, with their lines and columns. */
export interface ScanResult {
  /** The offsets found (the lists may run on past them, unused). */
  count: number;
  offsets: Int32Array;
  /** Lines counting `\n` only: text with a lone `\r` needs them counted again. */
  lines: Int32Array;
  columns: Int32Array;
}

/**
 * Finds the values of every node of `tree` in `text`, which must be valid
 * JSON (`JSON.parse` accepted it): sets each found node's slots into the
 * result's lists. Throws `ScanError` on text that is not.
 */
export function scanTree(text: string, tree: PointerTree): ScanResult {
  tree.seal();
  const scan = new TreeScan(text, tree.root, tree.size);
  scan.run();
  return { count: scan.recorded, offsets: scan.offsets, lines: scan.lines, columns: scan.columns };
}

/**
 * Spans of every value whose pointer is in `prefixes` (a set closed under
 * taking prefixes). Throws `ScanError` on text that is not valid JSON.
 */
export function scanSpans(text: string, prefixes: ReadonlySet<string>): Map<string, Span> {
  const tree = new PointerTree();
  for (const pointer of prefixes) tree.add(pointer);
  const { offsets } = scanTree(text, tree);
  const spans = new Map<string, Span>();
  for (const node of tree.all()) {
    if (node.startSlot < 0) continue;
    const start = offsets[node.startSlot] as number;
    spans.set(node.pointer, { start, end: offsets[node.endSlot] as number });
  }
  return spans;
}
