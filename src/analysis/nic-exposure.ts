/**
 * World exposure of a NIC that carries several groups. Groups on one NIC
 * add up, so two groups that each open a port to half of the internet
 * together open it to the world. This finds what the union of a NIC's
 * groups opens to the world that no single one of its groups opens alone
 * (what a single group opens is reported on that group already).
 */
import type { SensitivePort } from '../engine/sensitive-ports.js';
import { groupsByName, nicGroups } from '../model/attachments.js';
import type { Family, Interval, Model, NetworkInterface, SecurityGroup } from '../model/types.js';
import type { ExposureCell } from './exposure.js';
import type { ExposureSettings, GroupAnalysis } from './group-analysis.js';
import { splitWorldCells, type AllowedPort, type WorldSplit } from './world.js';

/** The union exposure of one NIC (one family), beyond its single groups. */
export interface NicWorldSplit {
  nic: NetworkInterface;
  groups: SecurityGroup[];
  split: WorldSplit;
}

function subtract(spans: readonly Interval[], cut: Interval): Interval[] {
  return spans.flatMap((span) => {
    if (cut.hi < span.lo || cut.lo > span.hi) return [span];
    const parts: Interval[] = [];
    if (span.lo < cut.lo) parts.push({ lo: span.lo, hi: cut.lo - 1 });
    if (cut.hi < span.hi) parts.push({ lo: cut.hi + 1, hi: span.hi });
    return parts;
  });
}

/** World cells of `cells` minus every protocol/detail point some single group opens to the world. */
function beyondSingleGroups(
  cells: readonly ExposureCell[],
  singles: readonly ExposureCell[],
): ExposureCell[] {
  const result: ExposureCell[] = [];
  for (const cell of cells) {
    if (cell.kind !== 'world') continue;
    for (let protocol = cell.protocol.lo; protocol <= cell.protocol.hi; protocol += 1) {
      let spans: Interval[] = [cell.detail];
      for (const single of singles) {
        if (single.kind !== 'world' || protocol < single.protocol.lo || protocol > single.protocol.hi)
          continue;
        spans = subtract(spans, single.detail);
        if (spans.length === 0) break;
      }
      for (const detail of spans) {
        result.push({
          kind: 'world',
          protocol: { lo: protocol, hi: protocol },
          detail,
          contributors: cell.contributors,
          runs: [],
        });
      }
    }
  }
  return result;
}

/** For each NIC with security on and two or more known groups: what only their union opens to the world. */
export function nicWorldExposure(
  analysis: GroupAnalysis,
  model: Model,
  family: Family,
  settings: ExposureSettings,
  sensitivePorts: readonly SensitivePort[],
  allowed: readonly AllowedPort[],
): NicWorldSplit[] {
  const byName = groupsByName(model);
  const results: NicWorldSplit[] = [];
  for (const nic of model.nics) {
    if (!nic.nicSecurity) continue;
    const groups = nicGroups(nic, byName);
    if (groups === null || groups.length < 2) continue;
    const rules = groups.flatMap((group) => analysis.rulesOf(group, 'ingress', family));
    const cells = analysis.exposureOf(rules, family, settings);
    if (cells === undefined) continue;
    const singles = groups.flatMap((group) => analysis.groupExposure(group, family, settings).cells);
    const beyond = beyondSingleGroups(cells, singles);
    if (beyond.length === 0) continue;
    results.push({ nic, groups, split: splitWorldCells(rules, beyond, sensitivePorts, allowed) });
  }
  return results;
}

/** Where a NIC finding points in words: `NIC "app-nic" of server "app-1"`. */
export function describeNic(nic: NetworkInterface): string {
  const server = nic.serverName ?? nic.device;
  return `NIC "${nic.name ?? nic.id ?? 'unnamed'}"${server === undefined ? '' : ` of server "${server}"`}`;
}

/** Names the groups whose rules together open the traffic: `the union of groups "a", "b"`. */
export function describeUnion(
  groups: readonly SecurityGroup[],
  rules: readonly { groupKey: string }[],
): string {
  const keys = new Set(rules.map((rule) => rule.groupKey));
  const names = groups.filter((group) => keys.has(group.key)).map((group) => `"${group.name}"`);
  return `the union of groups ${names.join(', ')}`;
}
