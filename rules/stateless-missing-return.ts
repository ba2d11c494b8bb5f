import { z } from 'zod';
import { boxesIntersect, isCovered, uncoveredPart, type WorkBudget } from '../src/analysis/box.js';
import { describeRemote, describeTraffic } from '../src/analysis/describe.js';
import type { Box } from '../src/analysis/space.js';
import { defineCheck } from '../src/engine/check.js';
import { ICMP, ICMPV6, PORT_PROTOCOLS } from '../src/model/protocols.js';
import type { SecurityGroupRule } from '../src/model/types.js';

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
 * The narrowest rule the API can store for a reply set: it cannot store
 * ICMP type 0 code 0 (it omits 0/0 and reads it as every type), so echo
 * replies over IPv4 need a rule for every ICMP type.
 */
function expressible(reply: Box): Box {
  const echoReply = reply.protocol.lo === ICMP && reply.detail.lo === 0 && reply.detail.hi === 0;
  return echoReply ? { ...reply, detail: { lo: 0, hi: 65535 } } : reply;
}

/**
 * True when a rule allows nothing but the replies to rules of the other
 * direction (an egress rule to ephemeral ports that answers an ingress
 * rule, say): it is a return rule, and its own replies are not asked for.
 */
function isReplyRule(
  forward: Box,
  reverseRules: readonly SecurityGroupRule[],
  reverseBoxes: readonly Box[],
  budget: WorkBudget,
): boolean {
  const replies = reverseRules
    .flatMap((other, index) => replyBoxes(other, reverseBoxes[index] as Box))
    .map(expressible)
    .filter((reply) => boxesIntersect(reply, forward));
  return replies.length > 0 && isCovered(forward, replies, budget);
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
      for (const rule of group.rules) {
        if (!rule.analysable) continue;
        const reverse = rule.direction === 'ingress' ? 'egress' : 'ingress';
        const forward = analysis.box(rule);
        const reverseRules = analysis.rulesOf(group, reverse, rule.family);
        const covers = reverseRules.map((other) => analysis.box(other));
        if (isReplyRule(forward, reverseRules, covers, analysis.budget)) continue;
        // A reply set the budget could not decide is not claimed as missing.
        const missing = replyBoxes(rule, forward).filter((reply) => {
          const near = covers.filter((cover) => boxesIntersect(cover, reply));
          const rest = uncoveredPart(reply, near, analysis.budget);
          return rest !== undefined && rest.length > 0;
        });
        if (missing.length === 0) continue;
        const what = missing
          .map(expressible)
          .map((box) => describeTraffic(box.protocol, box.detail))
          .join(', ');
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
