/**
 * A fast scanner that finds the spans of JSON values by pointer in text
 * that is already known to be valid JSON (it passed `JSON.parse`). It
 * descends only into values some wanted pointer leads into and skips every
 * other subtree by bracket counting, so a large file with few findings
 * costs little more than one pass over its bytes. On anything unexpected
 * it throws `ScanError`, and the caller falls back to jsonc-parser.
 */
import { pointerSegment } from '../model/normalize.js';

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
 * Finds the closing bracket of containers by jumping between the
 * characters that matter (quotes and brackets) with `indexOf`, which is
 * far cheaper than looking at every character. It remembers the next
 * offset of each of those characters; a remembered offset stays right as
 * long as the scan has not passed it, as the scan only moves forward.
 */
class ContainerSkipper {
  private quote = -1;
  private openBrace = -1;
  private closeBrace = -1;
  private openBracket = -1;
  private closeBracket = -1;

  constructor(private readonly text: string) {}

  private nextOf(char: string, cached: number, from: number): number {
    if (cached >= from) return cached;
    const found = this.text.indexOf(char, from);
    return found === -1 ? this.text.length : found;
  }

  /** Offset just after the container that opens at `at`. */
  skip(at: number): number {
    const { text } = this;
    let depth = 1;
    let index = at + 1;
    for (;;) {
      this.quote = this.nextOf('"', this.quote, index);
      this.openBrace = this.nextOf('{', this.openBrace, index);
      this.closeBrace = this.nextOf('}', this.closeBrace, index);
      this.openBracket = this.nextOf('[', this.openBracket, index);
      this.closeBracket = this.nextOf(']', this.closeBracket, index);
      const open = this.openBrace < this.openBracket ? this.openBrace : this.openBracket;
      const close = this.closeBrace < this.closeBracket ? this.closeBrace : this.closeBracket;
      if (this.quote < open && this.quote < close) {
        index = skipString(text, this.quote);
      } else if (open < close) {
        depth += 1;
        index = open + 1;
      } else {
        if (close >= text.length) throw new ScanError('unterminated container');
        depth -= 1;
        index = close + 1;
        if (depth === 0) return index;
      }
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

/** The wanted members below one wanted container, by key (objects) or index (arrays). */
interface Children {
  keys: Map<string, string>;
  indexes: Map<number, string>;
}

interface Frame {
  pointer: string;
  start: number;
  array: boolean;
  index: number;
  children: Children;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * For each member of `prefixes` that has another member directly below it,
 * those members by the segment that leads to them, so the scan compares
 * keys and indexes without building a pointer for every value it passes.
 */
function childrenOf(prefixes: ReadonlySet<string>): Map<string, Children> {
  const result = new Map<string, Children>();
  for (const pointer of prefixes) {
    if (pointer === '') continue;
    const cut = pointer.lastIndexOf('/');
    const parent = pointer.slice(0, cut);
    if (!prefixes.has(parent)) continue;
    const segment = pointer.slice(cut + 1);
    let children = result.get(parent);
    if (children === undefined) result.set(parent, (children = { keys: new Map(), indexes: new Map() }));
    children.keys.set(segment, pointer);
    if (ARRAY_INDEX.test(segment)) children.indexes.set(Number(segment), pointer);
  }
  return result;
}

/**
 * Reads an object key at `at`; returns the wanted pointer of its value (if
 * any) and the offset after the colon.
 */
function readKey(
  text: string,
  at: number,
  keys: ReadonlyMap<string, string>,
): { pointer: string | undefined; next: number } {
  if (text.charCodeAt(at) !== QUOTE) throw new ScanError('expected a key');
  const end = skipString(text, at);
  const raw = text.slice(at + 1, end - 1);
  const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
  const colon = skipSpace(text, end);
  if (text.charCodeAt(colon) !== COLON) throw new ScanError('expected a colon');
  return { pointer: keys.get(pointerSegment(key)), next: skipSpace(text, colon + 1) };
}

/**
 * Spans of every value whose pointer is in `prefixes` (a set closed under
 * taking prefixes, so every ancestor of a member is a member). Values no
 * member lies below are skipped, not read. Throws `ScanError` on text that
 * is not valid JSON.
 */
export function scanSpans(text: string, prefixes: ReadonlySet<string>): Map<string, Span> {
  const below = childrenOf(prefixes);
  const spans = new Map<string, Span>();
  const stack: Frame[] = [];
  const containers = new ContainerSkipper(text);
  let at = skipSpace(text, 0);
  let pointer: string | undefined = prefixes.has('') ? '' : undefined;

  for (;;) {
    if (at >= text.length) throw new ScanError('unexpected end');
    const code = text.charCodeAt(at);
    const children = pointer === undefined ? undefined : below.get(pointer);
    if (pointer === undefined) {
      at = skipValue(text, at, containers);
    } else if (children === undefined) {
      const end = skipValue(text, at, containers);
      spans.set(pointer, { start: at, end });
      at = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const frame: Frame = { pointer, start: at, array: code === OPEN_BRACKET, index: 0, children };
      const inside = skipSpace(text, at + 1);
      const closing = text.charCodeAt(inside);
      if (closing === CLOSE_BRACE || closing === CLOSE_BRACKET) {
        at = inside + 1;
        spans.set(pointer, { start: frame.start, end: at });
      } else {
        stack.push(frame);
        if (frame.array) {
          pointer = children.indexes.get(0);
          at = inside;
        } else {
          ({ pointer, next: at } = readKey(text, inside, children.keys));
        }
        continue;
      }
    } else {
      const end = skipValue(text, at, containers);
      spans.set(pointer, { start: at, end });
      at = end;
    }

    // After a value: close finished containers, or move to the next member.
    for (;;) {
      at = skipSpace(text, at);
      const frame = stack[stack.length - 1];
      if (frame === undefined) return spans;
      const next = text.charCodeAt(at);
      if (next === COMMA) {
        frame.index += 1;
        const member = skipSpace(text, at + 1);
        if (frame.array) {
          pointer = frame.children.indexes.get(frame.index);
          at = member;
        } else {
          ({ pointer, next: at } = readKey(text, member, frame.children.keys));
        }
        break;
      }
      if (next !== (frame.array ? CLOSE_BRACKET : CLOSE_BRACE))
        throw new ScanError('expected , or a closing bracket');
      at += 1;
      spans.set(frame.pointer, { start: frame.start, end: at });
      stack.pop();
    }
  }
}
