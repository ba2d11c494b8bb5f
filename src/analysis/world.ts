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

function subtractPiece(piece: Piece, cut: Interval): Piece[] {
  const { lo, hi } = piece.detail;
  if (cut.hi < lo || cut.lo > hi) return [piece];
  const parts: Piece[] = [];
  if (lo < cut.lo) parts.push({ protocol: piece.protocol, detail: { lo, hi: cut.lo - 1 } });
  if (cut.hi < hi) parts.push({ protocol: piece.protocol, detail: { lo: cut.hi + 1, hi } });
  return parts;
}

/** Pieces of one protocol, in input order, keyed by protocol. */
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

export const DEFAULT_ALLOWED: AllowedPort[] = [
  { protocol: TCP, from: 80, to: 80 },
  { protocol: TCP, from: 443, to: 443 },
  { protocol: UDP, from: 443, to: 443 },
  { protocol: ICMP, from: 0, to: 65535 },
  { protocol: ICMPV6, from: 0, to: 65535 },
];

/** What one set of contributing rules opens, before the `allowPorts` list applies. */
interface Stage {
  rules: SecurityGroupRule[];
  allPorts: string[] | undefined;
  sensitive: string[];
  /** World-open traffic that neither of the first two checks claims. */
  rest: Piece[];
}

/** First stage of the split, cached per exposure and sensitive-port list. */
const stages = new WeakMap<RuleExposure, WeakMap<readonly SensitivePort[], Stage[]>>();

function firstStage(exposure: RuleExposure, sensitivePorts: readonly SensitivePort[]): Stage[] {
  let perPorts = stages.get(exposure);
  if (perPorts === undefined) stages.set(exposure, (perPorts = new WeakMap()));
  const cached = perPorts.get(sensitivePorts);
  if (cached !== undefined) return cached;

  const result: Stage[] = [];
  for (const [key, cells] of byContributors(exposure.cells)) {
    const rules = key.split(',').map((index) => exposure.rules[Number(index)] as SecurityGroupRule);
    let pieces = toPieces(cells);
    const spans = byProtocol(pieces);

    if (spans.size === 256 && [...spans.keys()].every((protocol) => fullyOpen(spans, protocol))) {
      result.push({ rules, allPorts: ['every protocol and port'], sensitive: [], rest: [] });
      continue;
    }
    const allPortItems: string[] = [];
    for (const protocol of [TCP, UDP]) {
      if (fullyOpen(spans, protocol)) {
        allPortItems.push(protocol === TCP ? 'every tcp port' : 'every udp port');
        pieces = pieces.filter((piece) => piece.protocol !== protocol);
        spans.delete(protocol);
      }
    }

    const sensitiveItems: string[] = [];
    for (const port of sensitivePorts) {
      const protocol = port.protocol === 'tcp' ? TCP : UDP;
      const open = spans.get(protocol);
      if (open === undefined) continue;
      for (const detail of open) {
        const hit = { lo: Math.max(detail.lo, port.from), hi: Math.min(detail.hi, port.to) };
        if (hit.lo <= hit.hi) {
          sensitiveItems.push(`${describeTraffic({ lo: protocol, hi: protocol }, hit)} (${port.service})`);
        }
      }
      const left = open.flatMap((detail) =>
        subtractPiece({ protocol, detail }, { lo: port.from, hi: port.to }).map((piece) => piece.detail),
      );
      spans.set(protocol, left);
    }
    if (sensitiveItems.length > 0) {
      pieces = pieces.filter((piece) => piece.protocol !== TCP && piece.protocol !== UDP);
      for (const protocol of [TCP, UDP]) {
        for (const detail of spans.get(protocol) ?? []) pieces.push({ protocol, detail });
      }
    }
    result.push({
      rules,
      allPorts: allPortItems.length > 0 ? allPortItems : undefined,
      sensitive: sensitiveItems,
      rest: pieces,
    });
  }
  perPorts.set(sensitivePorts, result);
  return result;
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
  const split: WorldSplit = { allPorts: [], sensitive: [], other: [] };
  const exposure = analysis.groupExposure(group, family, settings);

  for (const stage of firstStage(exposure, sensitivePorts)) {
    const { rules } = stage;
    if (stage.allPorts !== undefined) split.allPorts.push({ rules, items: stage.allPorts });
    if (stage.sensitive.length > 0) split.sensitive.push({ rules, items: stage.sensitive });
    let pieces = stage.rest;
    for (const allow of allowed) {
      pieces = pieces.flatMap((piece) =>
        piece.protocol === allow.protocol ? subtractPiece(piece, { lo: allow.from, hi: allow.to }) : [piece],
      );
    }
    if (pieces.length > 0) split.other.push({ rules, items: describePieces(pieces) });
  }
  return split;
}
