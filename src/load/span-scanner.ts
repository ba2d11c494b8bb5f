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
    let backslashes = 0;
    for (let back = next - 1; text.charCodeAt(back) === BACKSLASH; back -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return next + 1;
    index = next + 1;
  }
}

/** Offset just after the value that starts at `at`. */
function skipValue(text: string, at: number): number {
  const first = text.charCodeAt(at);
  if (first === QUOTE) return skipString(text, at);
  if (first === OPEN_BRACE || first === OPEN_BRACKET) {
    let depth = 0;
    let index = at;
    while (index < text.length) {
      const code = text.charCodeAt(index);
      if (code === QUOTE) {
        index = skipString(text, index);
        continue;
      }
      if (code === OPEN_BRACE || code === OPEN_BRACKET) depth += 1;
      else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth -= 1;
        if (depth === 0) return index + 1;
      }
      index += 1;
    }
    throw new ScanError('unterminated container');
  }
  let index = at;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === COMMA || code === CLOSE_BRACE || code === CLOSE_BRACKET || code <= 32) break;
    index += 1;
  }
  if (index === at) throw new ScanError('expected a value');
  return index;
}

interface Frame {
  pointer: string;
  start: number;
  array: boolean;
  index: number;
}

/** Reads an object key at `at`; returns the pointer of its value and the offset after the colon. */
function readKey(text: string, at: number, parent: string): { pointer: string; next: number } {
  if (text.charCodeAt(at) !== QUOTE) throw new ScanError('expected a key');
  const end = skipString(text, at);
  const raw = text.slice(at + 1, end - 1);
  const key = raw.includes('\\') ? (JSON.parse(text.slice(at, end)) as string) : raw;
  const colon = skipSpace(text, end);
  if (text.charCodeAt(colon) !== COLON) throw new ScanError('expected a colon');
  return { pointer: `${parent}/${pointerSegment(key)}`, next: skipSpace(text, colon + 1) };
}

/** The pointers in `prefixes` that have another member below them. */
function innerPointers(prefixes: ReadonlySet<string>): Set<string> {
  const inner = new Set<string>();
  for (const pointer of prefixes) {
    if (pointer === '') continue;
    inner.add(pointer.slice(0, pointer.lastIndexOf('/')));
  }
  return inner;
}

/**
 * Spans of every value whose pointer is in `prefixes` (a set closed under
 * taking prefixes, so every ancestor of a member is a member). Values no
 * member lies below are skipped, not read. Throws `ScanError` on text that
 * is not valid JSON.
 */
export function scanSpans(text: string, prefixes: ReadonlySet<string>): Map<string, Span> {
  const inner = innerPointers(prefixes);
  const spans = new Map<string, Span>();
  const stack: Frame[] = [];
  let at = skipSpace(text, 0);
  let pointer = '';

  for (;;) {
    if (at >= text.length) throw new ScanError('unexpected end');
    const code = text.charCodeAt(at);
    if (!prefixes.has(pointer)) {
      at = skipValue(text, at);
    } else if (!inner.has(pointer)) {
      const end = skipValue(text, at);
      spans.set(pointer, { start: at, end });
      at = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      const frame: Frame = { pointer, start: at, array: code === OPEN_BRACKET, index: 0 };
      const inside = skipSpace(text, at + 1);
      const closing = text.charCodeAt(inside);
      if (closing === CLOSE_BRACE || closing === CLOSE_BRACKET) {
        at = inside + 1;
        spans.set(pointer, { start: frame.start, end: at });
      } else {
        stack.push(frame);
        if (frame.array) {
          pointer = `${frame.pointer}/0`;
          at = inside;
        } else {
          ({ pointer, next: at } = readKey(text, inside, frame.pointer));
        }
        continue;
      }
    } else {
      const end = skipValue(text, at);
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
          pointer = `${frame.pointer}/${frame.index}`;
          at = member;
        } else {
          ({ pointer, next: at } = readKey(text, member, frame.pointer));
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
