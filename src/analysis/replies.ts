/**
 * Return traffic in stateless groups. A rule's port range matches the
 * packet's destination port, so the replies to a flow allowed on port P
 * go back to the client's ephemeral source port: the reverse direction
 * must allow the same protocol on 1024-65535 to the same remote. ICMP
 * requests with a known reply type need that reply type back.
 */
import type { Direction, Family, Interval, SecurityGroup, SecurityGroupRule } from '../model/types.js';
import { ICMP, ICMPV6, PORT_PROTOCOLS } from '../model/protocols.js';
import { decideCovered } from './box.js';
import { BoxIndex } from './box-index.js';
import type { GroupAnalysis } from './group-analysis.js';
import { DETAIL_AXIS, PROTOCOL_AXIS, addressSpace, type Box } from './space.js';

/** The ports clients send from (IANA and common OS ranges fall inside). */
export const EPHEMERAL = { lo: 1024, hi: 65535 };

/** The address part of the remote axis per family. */
const ADDRESSES = { 4: addressSpace(4), 6: addressSpace(6) } as const;

/** ICMP requests whose replies are known: request type → reply type. */
const ICMP_REPLIES: Record<number, Record<number, number>> = {
  [ICMP]: { 8: 0, 13: 14, 15: 16, 17: 18 },
  [ICMPV6]: { 128: 129 },
};

/** Every detail, shared as the detail of the reply boxes that need it. */
const EVERY_DETAIL: Interval = { lo: 0, hi: 65535 };

/**
 * The narrowest rule the API can store for a reply: it cannot store ICMP
 * type 0 code 0 (it omits 0/0 and reads it as every type), so echo replies
 * over IPv4 need a rule for every ICMP type.
 */
function expressible(reply: Box): Box {
  const echoReply = reply.protocol.lo === ICMP && reply.detail.lo === 0 && reply.detail.hi === 0;
  return echoReply ? { protocol: reply.protocol, detail: EVERY_DETAIL, remote: reply.remote } : reply;
}

/** The reply traffic a rule's flows need, as boxes on the reverse direction. */
export function replyBoxes(rule: SecurityGroupRule, forward: Box): Box[] {
  const boxes = neededReplies(rule, forward);
  for (let at = 0; at < boxes.length; at += 1) boxes[at] = expressible(boxes[at] as Box);
  return boxes;
}

/**
 * Per family, the protocol numbers that have neither ports nor the family's
 * ICMP (GRE, ESP, …), as intervals: their replies are the same protocol.
 */
const OTHER_PROTOCOLS = {
  4: protocolsOutside([...PORT_PROTOCOLS, ICMP]),
  6: protocolsOutside([...PORT_PROTOCOLS, ICMPV6]),
} as const;

function protocolsOutside(taken: readonly number[]): Interval[] {
  const intervals: Interval[] = [];
  let start = 0;
  for (const protocol of [...taken].sort((a, b) => a - b)) {
    if (protocol > start) intervals.push({ lo: start, hi: protocol - 1 });
    start = protocol + 1;
  }
  if (start <= 255) intervals.push({ lo: start, hi: 255 });
  return intervals;
}

/** The interval of each single protocol, shared by the reply boxes (intervals are never modified). */
const SINGLE_PROTOCOLS: readonly Interval[] = Array.from({ length: 256 }, (_, protocol) => ({
  lo: protocol,
  hi: protocol,
}));

/** The interval of one protocol: a shared one on the axis, else a new one. */
function singleProtocol(protocol: number): Interval {
  return SINGLE_PROTOCOLS[protocol] ?? { lo: protocol, hi: protocol };
}

/**
 * Per family, the protocol and detail of the replies an every-protocol
 * rule needs: ephemeral ports back for the port protocols, the echo reply
 * for ICMP, and the same protocol back for every other one. Made once;
 * each rule adds its remote.
 */
const EVERY_PROTOCOL_REPLIES = { 4: everyProtocolReplies(4), 6: everyProtocolReplies(6) } as const;

function everyProtocolReplies(family: Family): { protocol: Interval; detail: Interval }[] {
  const icmpProtocol = family === 4 ? ICMP : ICMPV6;
  const echoReply = (icmpProtocol === ICMP ? 0 : 129) * 256;
  const replies = [...PORT_PROTOCOLS].map((protocol) => ({
    protocol: singleProtocol(protocol),
    detail: EPHEMERAL,
  }));
  replies.push({ protocol: singleProtocol(icmpProtocol), detail: { lo: echoReply, hi: echoReply } });
  for (const protocol of OTHER_PROTOCOLS[family]) replies.push({ protocol, detail: EVERY_DETAIL });
  return replies;
}

function neededReplies(rule: SecurityGroupRule, forward: Box): Box[] {
  const remote = forward.remote;
  if (rule.protocol === null) {
    const template = EVERY_PROTOCOL_REPLIES[rule.family];
    const boxes: Box[] = [];
    for (const { protocol, detail } of template) boxes.push({ protocol, detail, remote });
    return boxes;
  }
  const protocol = singleProtocol(rule.protocol);
  if (PORT_PROTOCOLS.has(rule.protocol)) return [{ protocol, detail: EPHEMERAL, remote }];
  const replies = ICMP_REPLIES[rule.protocol];
  if (replies !== undefined) {
    if (rule.icmp === null) {
      const reply = (rule.protocol === ICMP ? 0 : 129) * 256;
      return [{ protocol, detail: { lo: reply, hi: reply }, remote }];
    }
    const replyType = replies[rule.icmp.type];
    if (replyType === undefined) return [];
    return [{ protocol, detail: { lo: replyType * 256, hi: replyType * 256 }, remote }];
  }
  return [{ protocol, detail: EVERY_DETAIL, remote }];
}

/**
 * True when a rule has the shape of a return rule: on a port protocol it
 * spans the clients' ephemeral ports (1024-65535, or every port) or lies
 * inside them (an operating system's narrower range, e.g. 32768-60999).
 */
export function isReturnShaped(rule: SecurityGroupRule): boolean {
  if (rule.protocol === null) return false;
  if (!PORT_PROTOCOLS.has(rule.protocol) || rule.ports === null) return true;
  const spansEphemeral = rule.ports.lo <= EPHEMERAL.lo && rule.ports.hi === EPHEMERAL.hi;
  const insideEphemeral = rule.ports.lo >= EPHEMERAL.lo;
  return spansEphemeral || insideEphemeral;
}

const onAxis = (value: number, axis: { lo: number; hi: number }): boolean =>
  Number.isInteger(value) && axis.lo <= value && value <= axis.hi;

/**
 * Answers by box, without a text key: the protocol and detail bounds make
 * one exact number (8 + 8 + 16 + 16 bits), then the remote bounds. A box
 * off the axes (never made from a valid rule) is not remembered.
 */
class BoxAnswers {
  private readonly answers = new Map<number, Map<bigint, Map<bigint, boolean>>>();

  private static plain(box: Box): number | undefined {
    const { protocol, detail } = box;
    const fits =
      onAxis(protocol.lo, PROTOCOL_AXIS) &&
      onAxis(protocol.hi, PROTOCOL_AXIS) &&
      onAxis(detail.lo, DETAIL_AXIS) &&
      onAxis(detail.hi, DETAIL_AXIS);
    return fits ? ((protocol.lo * 256 + protocol.hi) * 65536 + detail.lo) * 65536 + detail.hi : undefined;
  }

  get(box: Box): boolean | undefined {
    const plain = BoxAnswers.plain(box);
    if (plain === undefined) return undefined;
    return this.answers.get(plain)?.get(box.remote.lo)?.get(box.remote.hi);
  }

  set(box: Box, answer: boolean): void {
    const plain = BoxAnswers.plain(box);
    if (plain === undefined) return;
    let byLo = this.answers.get(plain);
    if (byLo === undefined) {
      byLo = new Map();
      this.answers.set(plain, byLo);
    }
    let byHi = byLo.get(box.remote.lo);
    if (byHi === undefined) {
      byHi = new Map();
      byLo.set(box.remote.lo, byHi);
    }
    byHi.set(box.remote.hi, answer);
  }
}

interface Indexed {
  boxes: readonly Box[];
  index: BoxIndex;
  /** Answers already computed, by box. */
  answers: BoxAnswers;
}

/** Reply questions for one stateless group, with indexes and answers cached. */
export class ReplyCoverage {
  private readonly rulesByPart = new Map<string, Indexed>();
  private readonly repliesByPart = new Map<string, Indexed>();

  constructor(
    private readonly analysis: GroupAnalysis,
    private readonly group: SecurityGroup,
  ) {}

  /** The reply boxes of `rule` that no rule of the reverse direction allows. */
  missingReplies(rule: SecurityGroupRule): Box[] {
    const reverse = rule.direction === 'ingress' ? 'egress' : 'ingress';
    const covers = this.rules(reverse, rule.family);
    const missing: Box[] = [];
    for (const reply of replyBoxes(rule, this.analysis.box(rule))) {
      if (this.covered(reply, covers, rule.family)) continue;
      if (reply.protocol.lo === reply.protocol.hi) missing.push(reply);
      else missing.push(...this.uncoveredProtocols(reply, covers, rule.family));
    }
    return missing;
  }

  /**
   * The parts of a reply box over several protocols (an every-protocol rule's
   * "same protocol back") that are not covered: the box is cut where a rule
   * of the reverse direction starts or ends on the protocol axis, each piece
   * is asked alone, and adjacent missing pieces are joined again.
   */
  private uncoveredProtocols(reply: Box, covers: Indexed, family: Family): Box[] {
    const cuts = new Set<number>([reply.protocol.lo, reply.protocol.hi + 1]);
    for (const box of covers.boxes) {
      if (box.protocol.lo > reply.protocol.lo && box.protocol.lo <= reply.protocol.hi) cuts.add(box.protocol.lo);
      if (box.protocol.hi >= reply.protocol.lo && box.protocol.hi < reply.protocol.hi) cuts.add(box.protocol.hi + 1);
    }
    const bounds = [...cuts].sort((a, b) => a - b);
    const missing: Box[] = [];
    for (let at = 0; at + 1 < bounds.length; at += 1) {
      const piece: Box = { ...reply, protocol: { lo: bounds[at] as number, hi: (bounds[at + 1] as number) - 1 } };
      if (this.covered(piece, covers, family)) continue;
      const last = missing[missing.length - 1];
      if (last !== undefined && last.protocol.hi + 1 === piece.protocol.lo) {
        missing[missing.length - 1] = { ...last, protocol: { lo: last.protocol.lo, hi: piece.protocol.hi } };
      } else {
        missing.push(piece);
      }
    }
    return missing;
  }

  /**
   * True when `rule` looks like a return rule and carries nothing but the
   * replies that the reverse direction's rules need; it is then taken as
   * their return rule, not as a flow that needs replies of its own (the
   * two cannot be told apart, so the tool stays silent).
   */
  isReturnRule(rule: SecurityGroupRule): boolean {
    if (!isReturnShaped(rule)) return false;
    const reverse = rule.direction === 'ingress' ? 'egress' : 'ingress';
    return this.covered(this.analysis.box(rule), this.replies(reverse, rule.family), rule.family);
  }

  private rules(direction: Direction, family: Family): Indexed {
    const key = `${direction}|${family}`;
    let entry = this.rulesByPart.get(key);
    if (entry === undefined) {
      const coverage = this.analysis.coverageOf(this.group, direction, family);
      entry = { boxes: coverage.boxes, index: coverage.index, answers: new BoxAnswers() };
      this.rulesByPart.set(key, entry);
    }
    return entry;
  }

  private replies(direction: Direction, family: Family): Indexed {
    const key = `${direction}|${family}`;
    let entry = this.repliesByPart.get(key);
    if (entry === undefined) {
      const coverage = this.analysis.coverageOf(this.group, direction, family);
      const boxes = coverage.rules.flatMap((rule, position) =>
        replyBoxes(rule, coverage.boxes[position] as Box),
      );
      entry = {
        boxes,
        index: new BoxIndex(
          boxes,
          boxes.map((_, position) => position),
        ),
        answers: new BoxAnswers(),
      };
      this.repliesByPart.set(key, entry);
    }
    return entry;
  }

  private covered(target: Box, covers: Indexed, family: Family): boolean {
    const known = covers.answers.get(target);
    if (known !== undefined) return known;
    const addresses = ADDRESSES[family];
    const query =
      target.remote.hi > addresses.hi
        ? { ...target, remote: { lo: addresses.lo, hi: target.remote.hi } }
        : target;
    const candidates = covers.index.intersecting(query).map((position) => covers.boxes[position] as Box);
    // A question the work budget could not answer is not claimed as missing.
    const answer = decideCovered(target, candidates, this.analysis.budget, addresses) !== false;
    covers.answers.set(target, answer);
    return answer;
  }
}
