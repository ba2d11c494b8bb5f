import { z } from 'zod';
import { isCovered, type WorkBudget } from '../src/analysis/box.js';
import { BoxIndex } from '../src/analysis/box-index.js';
import { describeRemote, describeTraffic } from '../src/analysis/describe.js';
import { addressSpace, type Box } from '../src/analysis/space.js';
import { defineCheck } from '../src/engine/check.js';
import { ICMP, ICMPV6, PORT_PROTOCOLS } from '../src/model/protocols.js';
import type { Direction, Family, SecurityGroupRule } from '../src/model/types.js';

const EPHEMERAL = { lo: 1024, hi: 65535 };

/** ICMP requests whose replies are known: request type → reply type. */
const ICMP_REPLIES: Record<number, Record<number, number>> = {
  [ICMP]: { 8: 0, 13: 14, 15: 16, 17: 18 },
  [ICMPV6]: { 128: 129 },
};

/** The reply traffic a rule's flows need, as boxes on the reverse direction. */
function replyBoxes(rule: SecurityGroupRule, forward: Box): Box[] {
  const remote = forward.remote;
  const icmpProtocol = rule.family === 4 ? ICMP : ICMPV6;
  const echoReply = (icmpProtocol === ICMP ? 0 : 129) * 256;
  if (rule.protocol === null) {
    const boxes: Box[] = [...PORT_PROTOCOLS].map((protocol) => ({
      protocol: { lo: protocol, hi: protocol },
      detail: EPHEMERAL,
      remote,
    }));
    boxes.push({ protocol: { lo: icmpProtocol, hi: icmpProtocol }, detail: { lo: echoReply, hi: echoReply }, remote });
    return boxes;
  }
  const protocol = { lo: rule.protocol, hi: rule.protocol };
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
  return [{ protocol, detail: { lo: 0, hi: 65535 }, remote }];
}

/**
 * True when a rule has the shape of a return rule: on a port protocol it
 * spans the clients' ephemeral ports (1024-65535, or every port). Such a
 * rule that carries nothing but the replies the other direction's rules
 * need is taken as their return rule, not as a flow that needs replies of
 * its own: the tool cannot tell the two apart, so it stays silent.
 */
function isReturnShaped(rule: SecurityGroupRule): boolean {
  if (rule.protocol === null) return false;
  if (!PORT_PROTOCOLS.has(rule.protocol) || rule.ports === null) return true;
  return rule.ports.lo <= EPHEMERAL.lo && rule.ports.hi === EPHEMERAL.hi;
}

/** The reply traffic that the rules of one direction need, indexed for coverage questions. */
function repliesOf(rules: readonly SecurityGroupRule[], boxes: readonly Box[]): { boxes: Box[]; index: BoxIndex } {
  const replies = rules.flatMap((rule, position) => replyBoxes(rule, boxes[position] as Box));
  return { boxes: replies, index: new BoxIndex(replies, replies.map((_, position) => position)) };
}

/** True when the union of the indexed boxes covers `target` (group atoms included). */
function coveredBy(
  target: Box,
  covers: { boxes: readonly Box[]; index: BoxIndex },
  family: Family,
  budget: WorkBudget,
): boolean {
  const addresses = addressSpace(family);
  const query = target.remote.hi > addresses.hi ? { ...target, remote: { lo: addresses.lo, hi: target.remote.hi } } : target;
  const candidates = covers.index.intersecting(query).map((position) => covers.boxes[position] as Box);
  return isCovered(target, candidates, budget, addresses);
}

export default defineCheck({
  id: 'stateless-missing-return',
  description: 'A stateless group allows traffic one way but no rule allows the replies.',
  defaultSeverity: 'warning',
  tags: ['reliability', 'network'],
  securitySeverity: '2.0',
  precision: 'high',
  options: z.object({}).strict(),
  check({ model, analysis, report }) {
    for (const group of model.groups) {
      if (group.stateful || !group.rulesKnown) continue;
      const replies = new Map<string, { boxes: Box[]; index: BoxIndex }>();
      const repliesFor = (direction: Direction, family: Family): { boxes: Box[]; index: BoxIndex } => {
        const key = `${direction}|${family}`;
        let entry = replies.get(key);
        if (entry === undefined) {
          const coverage = analysis.coverageOf(group, direction, family);
          replies.set(key, (entry = repliesOf(coverage.rules, coverage.boxes)));
        }
        return entry;
      };
      for (const rule of group.rules) {
        if (!rule.analysable) continue;
        const reverse = rule.direction === 'ingress' ? 'egress' : 'ingress';
        const forward = analysis.box(rule);
        const covers = analysis.coverageOf(group, reverse, rule.family);
        const missing = replyBoxes(rule, forward).filter(
          (reply) => !coveredBy(reply, covers, rule.family, analysis.budget),
        );
        if (missing.length === 0) continue;
        if (
          isReturnShaped(rule) &&
          coveredBy(forward, repliesFor(reverse, rule.family), rule.family, analysis.budget)
        ) {
          continue;
        }
        const what = missing.map((box) => describeTraffic(box.protocol, box.detail)).join(', ');
        const way = reverse === 'egress' ? 'to' : 'from';
        report({
          rule,
          message:
            `replies to this ${rule.direction} rule are not allowed in stateless group "${group.name}": ` +
            `add an ${reverse} rule for ${what} ${way} ${describeRemote(rule)}`,
        });
      }
    }
  },
});
