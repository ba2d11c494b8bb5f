/**
 * The part of a world split left for `ingress-world`: what one set of
 * rules opens to the world beyond every-port findings and sensitive ports,
 * minus an allow list, described as text items. Worked per protocol
 * segment (protocols that share the same open details) rather than per
 * protocol, so a rule that opens a wide protocol range costs one step.
 */
import type { Interval } from '../model/types.js';
import { PORT_PROTOCOLS, TCP, UDP } from '../model/protocols.js';
import { describeTraffic } from './describe.js';
import type { ExposureCell } from './exposure.js';

/** A port range (or ICMP type*256+code range) of one protocol that a check does not report. */
export interface AllowedPort {
  protocol: number;
  /** Inclusive detail range (ports, or ICMP type*256+code). */
  from: number;
  to: number;
}

/** What one set of contributing rules opens to the world, before the allow list. */
export interface OpenRest {
  /** The world cells of the set, in exposure order. */
  cells: readonly ExposureCell[];
  /** Protocols reported as every port already (not described here). */
  skipped: readonly number[];
  /** The tcp and udp details left after the sensitive ports (empty when skipped). */
  tcp: readonly Interval[];
  udp: readonly Interval[];
}

/** Spans minus one interval, in order. */
export function subtractSpans(spans: readonly Interval[], cut: Interval): Interval[] {
  const rest: Interval[] = [];
  for (const span of spans) {
    if (cut.hi < span.lo || cut.lo > span.hi) {
      rest.push(span);
      continue;
    }
    if (span.lo < cut.lo) rest.push({ lo: span.lo, hi: cut.lo - 1 });
    if (cut.hi < span.hi) rest.push({ lo: cut.hi + 1, hi: span.hi });
  }
  return rest;
}

/** The detail spans of the cells that hold `protocol`, in cell order. */
export function spansAt(cells: readonly ExposureCell[], protocol: number): Interval[] {
  const spans: Interval[] = [];
  for (const cell of cells) {
    if (cell.protocol.lo <= protocol && protocol <= cell.protocol.hi) spans.push(cell.detail);
  }
  return spans;
}

/** The port protocols as a list (a loop over a Set allocates an iterator). */
export const PORT_PROTOCOL_LIST: readonly number[] = [...PORT_PROTOCOLS];

/** One item being built: a protocol range and a detail range on it. */
interface Entry {
  protocol: Interval;
  detail: Interval;
}

function isWhole(detail: Interval): boolean {
  return detail.lo === 0 && detail.hi === 65535;
}

/**
 * Appends the open details of one protocol (sorted by start) to the items:
 * a detail right after the previous one of the same protocol extends it,
 * and every detail of a protocol without ports right after a protocol
 * without ports that is open on every detail extends the protocol range.
 */
function appendProtocol(entries: Entry[], protocol: number, sorted: readonly Interval[]): void {
  for (const detail of sorted) {
    const last = entries[entries.length - 1];
    if (last !== undefined && last.protocol.hi === protocol && last.detail.hi + 1 === detail.lo) {
      last.detail = { lo: last.detail.lo, hi: detail.hi };
    } else if (
      last !== undefined &&
      isWhole(detail) &&
      isWhole(last.detail) &&
      last.protocol.hi + 1 === protocol &&
      !PORT_PROTOCOLS.has(protocol) &&
      !PORT_PROTOCOLS.has(last.protocol.hi)
    ) {
      last.protocol = { lo: last.protocol.lo, hi: protocol };
    } else {
      entries.push({ protocol: { lo: protocol, hi: protocol }, detail });
    }
  }
}

/** Segment bounds, reused across calls (cleared after each use). */
const marks = new Uint8Array(257);

function mark(protocol: number): void {
  marks[protocol] = 1;
  marks[protocol + 1] = 1;
}

/**
 * The starts of the protocol segments of `rest` (with the end after the
 * last): the bounds of its cells, and a segment of its own for each port
 * protocol and each protocol the allow list names, whose details differ
 * from those of their neighbours or merge by other rules.
 */
function segmentStarts(cells: readonly ExposureCell[], allowed: readonly AllowedPort[]): number[] {
  let first = 256;
  let end = 0;
  for (const cell of cells) {
    marks[cell.protocol.lo] = 1;
    marks[cell.protocol.hi + 1] = 1;
    if (cell.protocol.lo < first) first = cell.protocol.lo;
    if (cell.protocol.hi + 1 > end) end = cell.protocol.hi + 1;
  }
  for (const protocol of PORT_PROTOCOL_LIST) mark(protocol);
  for (const allow of allowed) mark(allow.protocol);
  const starts: number[] = [];
  for (let protocol = 0; protocol <= 256; protocol += 1) {
    if (marks[protocol] === 1) {
      if (protocol >= first && protocol <= end) starts.push(protocol);
      marks[protocol] = 0;
    }
  }
  return starts;
}

/** The details of `protocol` left open in `rest` once the allow list is applied, in cell order. */
function openDetails(rest: OpenRest, protocol: number, allowed: readonly AllowedPort[]): readonly Interval[] {
  if (rest.skipped.includes(protocol)) return [];
  let spans: readonly Interval[] =
    protocol === TCP ? rest.tcp : protocol === UDP ? rest.udp : spansAt(rest.cells, protocol);
  for (const allow of allowed) {
    if (allow.protocol === protocol && spans.length > 0) {
      spans = subtractSpans(spans, { lo: allow.from, hi: allow.to });
    }
  }
  return spans;
}

/**
 * Text items for what `rest` leaves open beyond the allow list, in
 * protocol then detail order, the same as describing every protocol's
 * details one by one. Within a segment every protocol has the same
 * details and none has ports, so when a protocol has one detail the rest
 * of the segment follows without a look at each protocol: all every
 * detail extends one protocol range, else each protocol is an item.
 */
export function describeRest(rest: OpenRest, allowed: readonly AllowedPort[]): string[] {
  const entries: Entry[] = [];
  const starts = segmentStarts(rest.cells, allowed);
  for (let s = 0; s + 1 < starts.length; s += 1) {
    const lo = starts[s] as number;
    const hi = (starts[s + 1] as number) - 1;
    const spans = openDetails(rest, lo, allowed);
    if (spans.length === 0) continue;
    const sorted = spans.length === 1 ? spans : [...spans].sort((a, b) => a.lo - b.lo);
    appendProtocol(entries, lo, sorted);
    if (hi === lo) continue;
    const only = sorted.length === 1 ? (sorted[0] as Interval) : undefined;
    if (only !== undefined && isWhole(only)) {
      const last = entries[entries.length - 1] as Entry;
      last.protocol = { lo: last.protocol.lo, hi };
    } else {
      for (let protocol = lo + 1; protocol <= hi; protocol += 1) appendProtocol(entries, protocol, sorted);
    }
  }
  return entries.map((entry) => describeTraffic(entry.protocol, entry.detail));
}
