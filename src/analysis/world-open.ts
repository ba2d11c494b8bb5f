/**
 * Whether world cells open every port of a protocol, or every protocol,
 * and which rules to name for it: the judgements behind
 * `ingress-all-ports-world`.
 */
import type { Interval, SecurityGroupRule } from '../model/types.js';
import type { ExposureCell } from './exposure.js';
import { PORT_PROTOCOL_LIST, spansAt } from './world-rest.js';

/** True when the spans together hold every detail from `from` to 65535. */
function spansCover(spansOf: readonly Interval[], from: number): boolean {
  const spans = spansOf.length === 1 ? spansOf : [...spansOf].sort((a, b) => a.lo - b.lo);
  let next = from;
  for (const span of spans) {
    if (span.lo > next) return false;
    if (span.hi + 1 > next) next = span.hi + 1;
    if (next > 65535) return true;
  }
  return next > 65535;
}

/**
 * True when the cells open every port (1..65535) of the port protocol
 * `protocol`. Without a cell of the protocol that reaches port 65535 they
 * cannot, which settles most groups without collecting spans.
 */
export function opensEveryPort(cells: readonly ExposureCell[], protocol: number): boolean {
  let reachesEnd = false;
  for (const cell of cells) {
    if (cell.protocol.lo <= protocol && protocol <= cell.protocol.hi && cell.detail.hi === 65535) {
      reachesEnd = true;
      break;
    }
  }
  return reachesEnd && spansCover(spansAt(cells, protocol), 1);
}

/**
 * True when the cells open every detail of every protocol (every port of
 * the port protocols). Protocols between two consecutive bounds of the
 * cells' protocol ranges share their spans, so one look per such segment
 * decides it: with the wanted range of a port protocol when the segment
 * holds one, and with the whole detail axis when it holds another.
 */
export function allProtocolsOpen(cells: readonly ExposureCell[]): boolean {
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
    for (const protocol of PORT_PROTOCOL_LIST) if (lo <= protocol && protocol <= hi) ports += 1;
    if (ports > 0 && !spansCover(spans, 1)) return false;
    if (ports < hi - lo + 1 && !spansCover(spans, 0)) return false;
  }
  return true;
}

/** True when one rule alone opens every port of `protocol` (or every protocol, for `null`) to the world. */
function opensAlone(rule: SecurityGroupRule, protocol: number | null): boolean {
  if (rule.remote.kind !== 'every') return false;
  if (rule.protocol === null) return true;
  return protocol !== null && rule.protocol === protocol && rule.ports === null;
}

/**
 * The rules to name for a fully open protocol (every protocol, for `null`):
 * the first rule that opens it alone, else every rule whose world cells
 * together open it.
 */
export function openingRules(
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
