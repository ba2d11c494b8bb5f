/**
 * The straightforward world split, as it was before the shortcuts in
 * `src/analysis/world.ts` (every world cell expanded into one piece per
 * protocol, and a 256-entry map to judge every-protocol openness): the
 * general path the fast one is pinned against.
 */
import { describeTraffic } from '../../src/analysis/describe.js';
import type { ExposureCell } from '../../src/analysis/exposure.js';
import type { WorldFinding, WorldSplit } from '../../src/analysis/world.js';
import type { SensitivePort } from '../../src/engine/sensitive-ports.js';
import { PORT_PROTOCOLS, TCP, UDP } from '../../src/model/protocols.js';
import type { Interval, SecurityGroupRule } from '../../src/model/types.js';

interface Piece {
  protocol: number;
  detail: Interval;
}

/** Spans minus one interval. */
function subtractSpans(spans: readonly Interval[], cut: Interval): Interval[] {
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

function byProtocol(pieces: readonly Piece[]): Map<number, Interval[]> {
  const map = new Map<number, Interval[]>();
  for (const piece of pieces) {
    const list = map.get(piece.protocol);
    if (list === undefined) map.set(piece.protocol, [piece.detail]);
    else list.push(piece.detail);
  }
  return map;
}

function fullyOpen(spansOf: ReadonlyMap<number, readonly Interval[]>, protocol: number): boolean {
  const wanted = PORT_PROTOCOLS.has(protocol) ? { lo: 1, hi: 65535 } : { lo: 0, hi: 65535 };
  const spans = [...(spansOf.get(protocol) ?? [])].sort((a, b) => a.lo - b.lo);
  let next = wanted.lo;
  for (const span of spans) {
    if (span.lo > next) return false;
    if (span.hi + 1 > next) next = span.hi + 1;
    if (next > wanted.hi) return true;
  }
  return next > wanted.hi;
}

function describePieces(pieces: readonly Piece[]): string[] {
  const sorted = [...pieces].sort((a, b) => a.protocol - b.protocol || a.detail.lo - b.detail.lo);
  const merged: { protocol: Interval; detail: Interval }[] = [];
  for (const piece of sorted) {
    const last = merged[merged.length - 1];
    const wholeDetail = piece.detail.lo === 0 && piece.detail.hi === 65535;
    if (
      last !== undefined &&
      last.protocol.hi === piece.protocol &&
      last.detail.hi + 1 === piece.detail.lo
    ) {
      last.detail = { lo: last.detail.lo, hi: piece.detail.hi };
    } else if (
      last !== undefined &&
      wholeDetail &&
      last.detail.lo === 0 &&
      last.detail.hi === 65535 &&
      last.protocol.hi + 1 === piece.protocol &&
      !PORT_PROTOCOLS.has(piece.protocol) &&
      !PORT_PROTOCOLS.has(last.protocol.hi)
    ) {
      last.protocol = { lo: last.protocol.lo, hi: piece.protocol };
    } else {
      merged.push({ protocol: { lo: piece.protocol, hi: piece.protocol }, detail: piece.detail });
    }
  }
  return merged.map((entry) => describeTraffic(entry.protocol, entry.detail));
}

function toPieces(cells: readonly ExposureCell[]): Piece[] {
  const pieces: Piece[] = [];
  for (const cell of cells) {
    for (let protocol = cell.protocol.lo; protocol <= cell.protocol.hi; protocol += 1) {
      pieces.push({ protocol, detail: cell.detail });
    }
  }
  return pieces;
}

/** Groups world cells by the rules that open them. */
function byContributors(cells: readonly ExposureCell[]): Map<string, ExposureCell[]> {
  const groups = new Map<string, ExposureCell[]>();
  for (const cell of cells) {
    if (cell.kind !== 'world') continue;
    const key = cell.contributors.join(',');
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [cell]);
    else list.push(cell);
  }
  return groups;
}

/** True when one rule alone opens every port of `protocol` (or every protocol, for `null`) to the world. */
function opensAlone(rule: SecurityGroupRule, protocol: number | null): boolean {
  if (rule.remote.kind !== 'every') return false;
  if (rule.protocol === null) return true;
  return protocol !== null && rule.protocol === protocol && rule.ports === null;
}

/**
 * The rules to name for a fully open protocol: the first rule that opens
 * it alone, else every rule whose world cells together open it.
 */
function openingRules(
  cells: readonly ExposureCell[],
  rules: readonly SecurityGroupRule[],
  protocol: number | null,
): SecurityGroupRule[] {
  const relevant = cells.filter(
    (cell) => protocol === null || (cell.protocol.lo <= protocol && protocol <= cell.protocol.hi),
  );
  const indexes = [...new Set(relevant.flatMap((cell) => cell.contributors))].sort((a, b) => a - b);
  const contributors = indexes.map((index) => rules[index] as SecurityGroupRule);
  const alone = contributors.find((rule) => opensAlone(rule, protocol));
  return alone === undefined ? contributors : [alone];
}

/**
 * Splits world cells (whose contributors index into `exposureRules`) among
 * the exposure checks; broad cells are ignored. Whether every protocol, or
 * every tcp or udp port, is open is judged on the union of all world-open
 * rules (two rules for the low and high ports together open every port);
 * the rest is reported per set of contributing rules.
 */
export function referenceSplitWorldCells(
  exposureRules: readonly SecurityGroupRule[],
  cells: readonly ExposureCell[],
  sensitivePorts: readonly SensitivePort[],
  allowed: readonly { protocol: number; from: number; to: number }[],
): WorldSplit {
  const split: WorldSplit = { allPorts: [], sensitive: [], other: [] };
  const worldCells = cells.filter((cell) => cell.kind === 'world');
  const everything = byProtocol(toPieces(worldCells));

  const allProtocols =
    everything.size === 256 &&
    Array.from({ length: 256 }, (_, protocol) => protocol).every((protocol) => fullyOpen(everything, protocol));
  if (allProtocols) {
    const rules = openingRules(worldCells, exposureRules, null);
    split.allPorts.push({ rules, items: ['every protocol and port'] });
    return split;
  }

  const openProtocols = [TCP, UDP].filter((protocol) => fullyOpen(everything, protocol));
  const allPortsByRules = new Map<string, WorldFinding>();
  for (const protocol of openProtocols) {
    const rules = openingRules(worldCells, exposureRules, protocol);
    const key = rules.map((rule) => rule.key).join(',');
    const item = protocol === TCP ? 'every tcp port' : 'every udp port';
    const entry = allPortsByRules.get(key);
    if (entry === undefined) allPortsByRules.set(key, { rules, items: [item] });
    else entry.items.push(item);
  }
  split.allPorts.push(...allPortsByRules.values());

  for (const [key, cells] of byContributors(worldCells)) {
    const rules = key.split(',').map((index) => exposureRules[Number(index)] as SecurityGroupRule);
    const open = byProtocol(toPieces(cells).filter((piece) => !openProtocols.includes(piece.protocol)));

    const sensitiveItems: string[] = [];
    for (const port of sensitivePorts) {
      const protocol = port.protocol === 'tcp' ? TCP : UDP;
      const spans = open.get(protocol);
      if (spans === undefined) continue;
      const cut = { lo: port.from, hi: port.to };
      let touched = false;
      for (const span of spans) {
        const lo = Math.max(span.lo, cut.lo);
        const hi = Math.min(span.hi, cut.hi);
        if (lo > hi) continue;
        touched = true;
        sensitiveItems.push(`${describeTraffic({ lo: protocol, hi: protocol }, { lo, hi })} (${port.service})`);
      }
      if (touched) open.set(protocol, subtractSpans(spans, cut));
    }
    if (sensitiveItems.length > 0) split.sensitive.push({ rules, items: sensitiveItems });

    for (const allow of allowed) {
      const spans = open.get(allow.protocol);
      if (spans !== undefined) open.set(allow.protocol, subtractSpans(spans, { lo: allow.from, hi: allow.to }));
    }
    const pieces: Piece[] = [];
    for (const [protocol, spans] of open) for (const detail of spans) pieces.push({ protocol, detail });
    if (pieces.length > 0) split.other.push({ rules, items: describePieces(pieces) });
  }
  return split;
}
