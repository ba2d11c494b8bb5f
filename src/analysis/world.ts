/**
 * Splits a group's world exposure among the three exposure checks, so a
 * world-open port is reported once, by the most specific check:
 * `ingress-all-ports-world` for every port or protocol, then
 * `ingress-sensitive-port-world`, then `ingress-world` for the rest.
 */
import type { Family, Interval, SecurityGroup, SecurityGroupRule } from '../model/types.js';
import { ICMP, ICMPV6, PORT_PROTOCOLS, TCP, UDP } from '../model/protocols.js';
import type { SensitivePort } from '../engine/sensitive-ports.js';
import { describeTraffic } from './describe.js';
import type { ExposureCell } from './exposure.js';
import type { ExposureSettings, GroupAnalysis, RuleExposure } from './group-analysis.js';

export interface AllowedPort {
  protocol: number;
  /** Inclusive detail range (ports, or ICMP type*256+code). */
  from: number;
  to: number;
}

export interface WorldFinding {
  /** Contributing rules, in input order; the first is where the finding points. */
  rules: SecurityGroupRule[];
  /** What is open, as text items (`tcp/22 (SSH)`, `every tcp port`). */
  items: string[];
}

export interface WorldSplit {
  allPorts: WorldFinding[];
  sensitive: WorldFinding[];
  other: WorldFinding[];
}

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

/** The detail spans of the cells that hold `protocol` (what per-protocol pieces of the cells would give). */
function spansAt(cells: readonly ExposureCell[], protocol: number): Interval[] {
  const spans: Interval[] = [];
  for (const cell of cells) {
    if (cell.protocol.lo <= protocol && protocol <= cell.protocol.hi) spans.push(cell.detail);
  }
  return spans;
}

/** True when the spans together hold every detail from `from` to 65535. */
function spansCover(spansOf: readonly Interval[], from: number): boolean {
  const spans = [...spansOf].sort((a, b) => a.lo - b.lo);
  let next = from;
  for (const span of spans) {
    if (span.lo > next) return false;
    if (span.hi + 1 > next) next = span.hi + 1;
    if (next > 65535) return true;
  }
  return next > 65535;
}

/** True when the spans open every port of a port protocol (1..65535), or every detail of another protocol. */
function fullyOpen(spans: readonly Interval[], protocol: number): boolean {
  return spansCover(spans, PORT_PROTOCOLS.has(protocol) ? 1 : 0);
}

/**
 * True when the cells open every detail of every protocol (every port of
 * the port protocols). Protocols between two consecutive bounds of the
 * cells' protocol ranges share their spans, so one look per such segment
 * decides it: with the wanted range of a port protocol when the segment
 * holds one, and with the whole detail axis when it holds another.
 */
function allProtocolsOpen(cells: readonly ExposureCell[]): boolean {
  if (!cells.some((cell) => cell.protocol.lo === 0)) return false;
  const bounds = new Set<number>([0, 256]);
  for (const cell of cells) {
    bounds.add(cell.protocol.lo);
    bounds.add(cell.protocol.hi + 1);
  }
  const points = [...bounds].sort((a, b) => a - b);
  for (let i = 0; i + 1 < points.length; i += 1) {
    const lo = points[i] as number;
    const hi = (points[i + 1] as number) - 1;
    if (lo > 255) break;
    const spans = spansAt(cells, lo);
    if (spans.length === 0) return false;
    let ports = 0;
    for (const protocol of PORT_PROTOCOLS) if (lo <= protocol && protocol <= hi) ports += 1;
    if (ports > 0 && !spansCover(spans, 1)) return false;
    if (ports < hi - lo + 1 && !spansCover(spans, 0)) return false;
  }
  return true;
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

export const DEFAULT_ALLOWED: AllowedPort[] = [
  { protocol: TCP, from: 80, to: 80 },
  { protocol: TCP, from: 443, to: 443 },
  { protocol: UDP, from: 443, to: 443 },
  { protocol: ICMP, from: 0, to: 65535 },
  { protocol: ICMPV6, from: 0, to: 65535 },
];

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

/** Splits the world exposure of one group and family among the exposure checks. */
export function splitWorldExposure(
  analysis: GroupAnalysis,
  group: SecurityGroup,
  family: Family,
  settings: ExposureSettings,
  sensitivePorts: readonly SensitivePort[],
  allowed: readonly AllowedPort[],
): WorldSplit {
  const exposure = analysis.groupExposure(group, family, settings);
  let entries = splits.get(exposure);
  if (entries === undefined) splits.set(exposure, (entries = []));
  for (const entry of entries) {
    if (entry.sensitivePorts === sensitivePorts && entry.allowed === allowed) return entry.split;
  }
  const split = splitWorldCells(exposure.rules, exposure.cells, sensitivePorts, allowed);
  entries.push({ sensitivePorts, allowed, split });
  return split;
}

/**
 * Splits already computed, per exposure, for each sensitive-port list and
 * allowed list (a short list per exposure: one WeakMap in all, as many
 * small WeakMaps cost the garbage collector dearly).
 */
const splits = new WeakMap<
  RuleExposure,
  { sensitivePorts: readonly SensitivePort[]; allowed: readonly AllowedPort[]; split: WorldSplit }[]
>();

/**
 * Splits world cells (whose contributors index into `exposureRules`) among
 * the exposure checks; broad cells are ignored. Whether every protocol, or
 * every tcp or udp port, is open is judged on the union of all world-open
 * rules (two rules for the low and high ports together open every port);
 * the rest is reported per set of contributing rules.
 */
export function splitWorldCells(
  exposureRules: readonly SecurityGroupRule[],
  cells: readonly ExposureCell[],
  sensitivePorts: readonly SensitivePort[],
  allowed: readonly AllowedPort[],
): WorldSplit {
  const split: WorldSplit = { allPorts: [], sensitive: [], other: [] };
  const worldCells = cells.filter((cell) => cell.kind === 'world');
  if (worldCells.length === 0) return split;

  if (allProtocolsOpen(worldCells)) {
    const rules = openingRules(worldCells, exposureRules, null);
    split.allPorts.push({ rules, items: ['every protocol and port'] });
    return split;
  }

  const openProtocols = [TCP, UDP].filter((protocol) => fullyOpen(spansAt(worldCells, protocol), protocol));
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

  for (const cells of byContributors(worldCells).values()) {
    const rules = (cells[0] as ExposureCell).contributors.map((index) => exposureRules[index] as SecurityGroupRule);
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
