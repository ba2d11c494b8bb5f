/**
 * Turns JSON pointers into line and column positions, lazily: only the
 * pointers that a report needs are resolved, in one pass over the file
 * that skips every subtree no pointer leads into (a fast scanner for
 * valid JSON, with jsonc-parser as the tolerant fallback).
 * Lines and columns are 1-based; columns count UTF-16 code units.
 */
import { visit, type JSONPath } from 'jsonc-parser';
import type { Position } from '../model/types.js';
import { pointerSegment } from '../model/normalize.js';
import { PointerTree, type PointerNode } from './pointer-tree.js';
import { scanTree, type ScanResult, type Span } from './span-scanner.js';

/** Offsets at which lines start, for offset → line/column conversion. */
export class LineTable {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    if (!text.includes('\r')) {
      for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
        this.starts.push(index + 1);
      }
      return;
    }
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === 10) this.starts.push(index + 1);
      else if (code === 13 && text.charCodeAt(index + 1) !== 10) this.starts.push(index + 1);
    }
  }

  /** 1-based line and column of a 0-based offset. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] as number) + 1 };
  }
}

function toPointer(path: JSONPath): string {
  let pointer = '';
  for (const segment of path) pointer += `/${pointerSegment(segment)}`;
  return pointer;
}

function prefixesOf(pointers: Iterable<string>): Set<string> {
  const prefixes = new Set<string>(['']);
  for (const pointer of pointers) {
    let end = pointer.indexOf('/', 1);
    while (end !== -1) {
      prefixes.add(pointer.slice(0, end));
      end = pointer.indexOf('/', end + 1);
    }
    prefixes.add(pointer);
  }
  return prefixes;
}

/**
 * Positions (start to end of the value) of each pointer that exists in
 * the JSON text. A pointer that does not resolve falls back to its nearest
 * existing parent.
 */
export function locatePointers(text: string, pointers: Iterable<string>): Map<string, Position> {
  const list = [...pointers];
  const located = locateEach(text, list);
  const result = new Map<string, Position>();
  for (let at = 0; at < list.length; at += 1) result.set(list[at] as string, located[at] as Position);
  return result;
}

/**
 * `locatePointers` as a list: the position of each pointer at its place
 * in `pointers` (repeats allowed; they share one position object). A
 * caller that keeps the places needs no map keyed by pointer text.
 */
export function locateEach(text: string, pointers: readonly string[]): Position[] {
  const tree = new PointerTree();
  const nodes: PointerNode[] = new Array(pointers.length);
  for (let at = 0; at < pointers.length; at += 1) nodes[at] = tree.add(pointers[at] as string);
  let scan: ScanResult;
  try {
    scan = scanTree(text, tree);
  } catch {
    // Not the plain valid JSON the fast scanner expects: let jsonc-parser read it.
    const byPointer = locateWithJsonc(text, pointers);
    return pointers.map((pointer) => byPointer.get(pointer) as Position);
  }
  if (text.includes('\r')) {
    // A lone carriage return breaks a line too, which the scan's count of `\n` misses.
    const located = offsetPositions(text, scan.offsets.subarray(0, scan.count));
    located.forEach((position, slot) => {
      scan.lines[slot] = position.line;
      scan.columns[slot] = position.column;
    });
  }
  const { lines, columns } = scan;
  const result: Position[] = new Array(pointers.length);
  for (let at = 0; at < nodes.length; at += 1) {
    const node = nodes[at] as PointerNode;
    let position = node.position;
    if (position === undefined) {
      // One not found takes its nearest found ancestor's position.
      const found = node.found();
      position =
        found === undefined
          ? { line: 1, column: 1, endLine: 1, endColumn: 1 }
          : {
              line: lines[found.startSlot] as number,
              column: columns[found.startSlot] as number,
              endLine: lines[found.endSlot] as number,
              endColumn: columns[found.endSlot] as number,
            };
      node.position = position;
    }
    result[at] = position;
  }
  return result;
}

/** `locatePointers` by jsonc-parser's visitor: the tolerant, slower path. */
export function locateWithJsonc(text: string, pointers: Iterable<string>): Map<string, Position> {
  const unique = new Set(pointers);
  return toPositions(text, unique, visitSpans(text, prefixesOf(unique)));
}

/** Spans found with jsonc-parser's visitor (the tolerant, slower path). */
export function visitSpans(text: string, prefixes: ReadonlySet<string>): Map<string, Span> {
  const spans = new Map<string, Span>();
  const open: { pointer: string; start: number }[] = [];

  const begin = (offset: number, pathSupplier: () => JSONPath): boolean => {
    const pointer = toPointer(pathSupplier());
    open.push({ pointer, start: offset });
    return prefixes.has(pointer);
  };
  const end = (offset: number, length: number): void => {
    const entry = open.pop();
    if (entry !== undefined && prefixes.has(entry.pointer)) {
      spans.set(entry.pointer, { start: entry.start, end: offset + length });
    }
  };

  try {
    visitText(text, begin, end, prefixes, spans);
  } catch {
    // Nesting too deep for the recursive visitor: fall back to parents found so far.
  }
  return spans;
}

function visitText(
  text: string,
  begin: (offset: number, pathSupplier: () => JSONPath) => boolean,
  end: (offset: number, length: number) => void,
  prefixes: ReadonlySet<string>,
  spans: Map<string, { start: number; end: number }>,
): void {
  visit(
    text,
    {
      onObjectBegin: (offset, _length, _line, _character, pathSupplier) => begin(offset, pathSupplier),
      onArrayBegin: (offset, _length, _line, _character, pathSupplier) => begin(offset, pathSupplier),
      onObjectEnd: (offset, length) => end(offset, length),
      onArrayEnd: (offset, length) => end(offset, length),
      onLiteralValue: (_value, offset, length, _line, _character, pathSupplier) => {
        const pointer = toPointer(pathSupplier());
        if (prefixes.has(pointer)) spans.set(pointer, { start: offset, end: offset + length });
      },
    },
    { disallowComments: true },
  );
}

/** Room for the slot number below an offset in one packed sort key. */
const SLOTS = 2 ** 21;

/**
 * 1-based line and column of each offset, found in one forward pass that
 * jumps from line break to line break (no table of every line start).
 * Text with a lone carriage return goes through `LineTable`, which counts
 * it as a line break too.
 */
export function offsetPositions(
  text: string,
  offsets: ArrayLike<number>,
): { line: number; column: number }[] {
  const result: { line: number; column: number }[] = new Array(offsets.length);
  if (text.includes('\r') || offsets.length >= SLOTS || text.length >= 2 ** 31) {
    const lines = new LineTable(text);
    for (let slot = 0; slot < offsets.length; slot += 1) result[slot] = lines.position(offsets[slot] as number);
    return result;
  }
  const keys = new Float64Array(offsets.length);
  for (let slot = 0; slot < offsets.length; slot += 1) keys[slot] = (offsets[slot] as number) * SLOTS + slot;
  keys.sort();
  let line = 1;
  let lineStart = 0;
  let nextBreak = text.indexOf('\n');
  for (const key of keys) {
    const slot = key % SLOTS;
    const offset = (key - slot) / SLOTS;
    while (nextBreak !== -1 && nextBreak < offset) {
      line += 1;
      lineStart = nextBreak + 1;
      nextBreak = text.indexOf('\n', lineStart);
    }
    result[slot] = { line, column: offset - lineStart + 1 };
  }
  return result;
}

/**
 * Turns value spans (offsets) into positions for the wanted pointers; a
 * pointer without a span falls back to its nearest parent that has one.
 */
export function toPositions(
  text: string,
  wanted: Iterable<string>,
  spans: ReadonlyMap<string, { start: number; end: number }>,
): Map<string, Position> {
  const found: (Span | undefined)[] = [];
  const offsets: number[] = [];
  for (const pointer of wanted) {
    let candidate = pointer;
    let span = spans.get(candidate);
    while (span === undefined && candidate !== '') {
      candidate = candidate.slice(0, candidate.lastIndexOf('/'));
      span = spans.get(candidate);
    }
    found.push(span);
    if (span !== undefined) offsets.push(span.start, span.end);
  }
  const located = offsetPositions(text, offsets);
  const result = new Map<string, Position>();
  let slot = 0;
  let at = 0;
  for (const pointer of wanted) {
    const span = found[at];
    at += 1;
    if (span === undefined) {
      result.set(pointer, { line: 1, column: 1, endLine: 1, endColumn: 1 });
      continue;
    }
    const start = located[slot] as { line: number; column: number };
    const stop = located[slot + 1] as { line: number; column: number };
    slot += 2;
    result.set(pointer, { line: start.line, column: start.column, endLine: stop.line, endColumn: stop.column });
  }
  return result;
}
