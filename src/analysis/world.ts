/**
 * Splits a group's world exposure among the three exposure checks, so a
 * world-open port is reported once, by the most specific check:
 * `ingress-all-ports-world` for every port or protocol, then
 * `ingress-sensitive-port-world`, then `ingress-world` for the rest.
 *
 * Everything but the allow list of `ingress-world` is worked out once per
 * exposure; the allow list is applied last, to what is left.
 */
import type { Family, Interval, SecurityGroup, SecurityGroupRule } from '../model/types.js';
import { ICMP, ICMPV6, TCP, UDP } from '../model/protocols.js';
import type { SensitivePort } from '../engine/sensitive-ports.js';
import { describeTraffic } from './describe.js';
import type { ExposureCell } from './exposure.js';
import type { ExposureSettings, GroupAnalysis, RuleExposure } from './group-analysis.js';
import { allProtocolsOpen, openingRules, opensEveryPort } from './world-open.js';
import { describeRest, spansAt, subtractSpans, type AllowedPort, type OpenRest } from './world-rest.js';

export type { AllowedPort } from './world-rest.js';

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

export const DEFAULT_ALLOWED: AllowedPort[] = [
  { protocol: TCP, from: 80, to: 80 },
  { protocol: TCP, from: 443, to: 443 },
  { protocol: UDP, from: 443, to: 443 },
  { protocol: ICMP, from: 0, to: 65535 },
  { protocol: ICMPV6, from: 0, to: 65535 },
];

/** The split without the allow list: its first two parts, and per set of rules what is left. */
interface SplitBase {
  allPorts: WorldFinding[];
  sensitive: WorldFinding[];
  rests: { rules: SecurityGroupRule[]; rest: OpenRest }[];
}

/** Contributor lists with the same indexes. */
function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

/** Up to this many sets of rules are told apart by comparing lists, beyond it by a text key. */
const LINEAR_GROUPS = 8;

/** World cells grouped by the rules that open them, in order of first appearance. */
function byContributors(cells: readonly ExposureCell[]): ExposureCell[][] {
  const groups: ExposureCell[][] = [];
  let keyed: Map<string, ExposureCell[]> | undefined;
  for (const cell of cells) {
    let group: ExposureCell[] | undefined;
    if (keyed === undefined) {
      group = groups.find((candidate) => sameIndexes((candidate[0] as ExposureCell).contributors, cell.contributors));
      if (group === undefined && groups.length === LINEAR_GROUPS) {
        keyed = new Map(groups.map((candidate) => [(candidate[0] as ExposureCell).contributors.join(','), candidate]));
      }
    }
    if (keyed !== undefined) group = keyed.get(cell.contributors.join(','));
    if (group !== undefined) {
      group.push(cell);
      continue;
    }
    group = [cell];
    groups.push(group);
    keyed?.set(cell.contributors.join(','), group);
  }
  return groups;
}

/** The findings for every port of tcp and udp, one per set of rules named. */
function everyPortFindings(
  worldCells: readonly ExposureCell[],
  exposureRules: readonly SecurityGroupRule[],
  openProtocols: readonly number[],
): WorldFinding[] {
  const byRules = new Map<string, WorldFinding>();
  for (const protocol of openProtocols) {
    const rules = openingRules(worldCells, exposureRules, protocol);
    const key = rules.map((rule) => rule.key).join(',');
    const item = protocol === TCP ? 'every tcp port' : 'every udp port';
    const entry = byRules.get(key);
    if (entry === undefined) byRules.set(key, { rules, items: [item] });
    else entry.items.push(item);
  }
  return [...byRules.values()];
}

/**
 * Cuts the sensitive ports out of the tcp and udp details of `rest`,
 * returning a text item per sensitive part that was open.
 */
function cutSensitive(rest: OpenRest, sensitivePorts: readonly SensitivePort[]): string[] {
  const items: string[] = [];
  for (const port of sensitivePorts) {
    const protocol = port.protocol === 'tcp' ? TCP : UDP;
    const spans = protocol === TCP ? rest.tcp : rest.udp;
    if (spans.length === 0) continue;
    let touched = false;
    for (let at = 0; at < spans.length; at += 1) {
      const span = spans[at] as Interval;
      const lo = Math.max(span.lo, port.from);
      const hi = Math.min(span.hi, port.to);
      if (lo > hi) continue;
      touched = true;
      items.push(`${describeTraffic({ lo: protocol, hi: protocol }, { lo, hi })} (${port.service})`);
    }
    // Most ports touch nothing: the cut is only made for those that do.
    if (!touched) continue;
    const cut = { lo: port.from, hi: port.to };
    if (protocol === TCP) rest.tcp = subtractSpans(spans, cut);
    else rest.udp = subtractSpans(spans, cut);
  }
  return items;
}

/** Details of a port protocol for a set of rules: none when every port is reported already. */
function portSpans(cells: readonly ExposureCell[], protocol: number, skipped: readonly number[]): Interval[] {
  return skipped.includes(protocol) ? [] : spansAt(cells, protocol);
}

const NO_CELLS: readonly ExposureCell[] = Object.freeze([]);

/** The world cells among `cells`: the list itself when all are. */
function worldCellsOf(cells: readonly ExposureCell[]): readonly ExposureCell[] {
  let world = 0;
  for (const cell of cells) if (cell.kind === 'world') world += 1;
  if (world === cells.length) return cells;
  return world === 0 ? NO_CELLS : cells.filter((cell) => cell.kind === 'world');
}

/** Everything of the split but the allow list (see `splitWorldCells`). */
function splitBase(
  exposureRules: readonly SecurityGroupRule[],
  cells: readonly ExposureCell[],
  sensitivePorts: readonly SensitivePort[],
): SplitBase {
  const base: SplitBase = { allPorts: [], sensitive: [], rests: [] };
  const worldCells = worldCellsOf(cells);
  if (worldCells.length === 0) return base;

  if (allProtocolsOpen(worldCells)) {
    const rules = openingRules(worldCells, exposureRules, null);
    base.allPorts.push({ rules, items: ['every protocol and port'] });
    return base;
  }

  const skipped = [TCP, UDP].filter((protocol) => opensEveryPort(worldCells, protocol));
  if (skipped.length > 0) base.allPorts.push(...everyPortFindings(worldCells, exposureRules, skipped));

  for (const group of byContributors(worldCells)) {
    const rules = (group[0] as ExposureCell).contributors.map((index) => exposureRules[index] as SecurityGroupRule);
    const rest: OpenRest = {
      cells: group,
      skipped,
      tcp: portSpans(group, TCP, skipped),
      udp: portSpans(group, UDP, skipped),
    };
    const items = cutSensitive(rest, sensitivePorts);
    if (items.length > 0) base.sensitive.push({ rules, items });
    base.rests.push({ rules, rest });
  }
  return base;
}

/** The `ingress-world` part of a split: what each set of rules leaves open beyond the allow list. */
function otherFindings(base: SplitBase, allowed: readonly AllowedPort[]): WorldFinding[] {
  const other: WorldFinding[] = [];
  for (const { rules, rest } of base.rests) {
    const items = describeRest(rest, allowed);
    if (items.length > 0) other.push({ rules, items });
  }
  return other;
}

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
  const base = splitBase(exposureRules, cells, sensitivePorts);
  return { allPorts: base.allPorts, sensitive: base.sensitive, other: otherFindings(base, allowed) };
}

/** The split of one exposure for one sensitive-port list, with its `ingress-world` part per allow list. */
interface SplitEntry {
  sensitivePorts: readonly SensitivePort[];
  base: SplitBase;
  others: { allowed: readonly AllowedPort[]; findings: WorldFinding[] }[];
}

/**
 * Splits already computed, per exposure with world cells (a short list
 * per exposure: one WeakMap in all, as many small WeakMaps cost the
 * garbage collector dearly).
 */
const splits = new WeakMap<RuleExposure, SplitEntry[]>();

const NO_FINDINGS: readonly WorldFinding[] = Object.freeze([]);

function hasWorldCell(cells: readonly ExposureCell[]): boolean {
  for (const cell of cells) if (cell.kind === 'world') return true;
  return false;
}

function entryFor(exposure: RuleExposure, sensitivePorts: readonly SensitivePort[]): SplitEntry {
  let entries = splits.get(exposure);
  if (entries === undefined) splits.set(exposure, (entries = []));
  for (const entry of entries) if (entry.sensitivePorts === sensitivePorts) return entry;
  const entry = { sensitivePorts, base: splitBase(exposure.rules, exposure.cells, sensitivePorts), others: [] };
  entries.push(entry);
  return entry;
}

/**
 * One part of the split of a group's world exposure (one family), cached
 * per exposure: a group without world cells costs one look at its cells,
 * and the `ingress-world` part is only worked out for the allow list
 * asked for.
 */
export function groupWorldFindings(
  analysis: GroupAnalysis,
  group: SecurityGroup,
  family: Family,
  settings: ExposureSettings,
  sensitivePorts: readonly SensitivePort[],
  allowed: readonly AllowedPort[],
  part: keyof WorldSplit,
): readonly WorldFinding[] {
  const exposure = analysis.groupExposure(group, family, settings);
  if (!hasWorldCell(exposure.cells)) return NO_FINDINGS;
  const entry = entryFor(exposure, sensitivePorts);
  if (part === 'allPorts') return entry.base.allPorts;
  if (part === 'sensitive') return entry.base.sensitive;
  for (const other of entry.others) if (other.allowed === allowed) return other.findings;
  const findings = otherFindings(entry.base, allowed);
  entry.others.push({ allowed, findings });
  return findings;
}
