import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';
import { groupsByName, nicGroups } from '../src/model/attachments.js';
import type { Family, Model, SecurityGroup, SecurityGroupRule } from '../src/model/types.js';

/** True when the rule's value of `field` is unreadable (invalid-rule reports it), so any value is possible. */
function unreadable(rule: SecurityGroupRule, field: string): boolean {
  // Nearly every rule has no problem: spare it the pointer text (hasEgress asks per rule and field).
  if (rule.problems.length === 0) return false;
  const pointer = `${rule.source.pointer}/${field}`;
  return rule.problems.some((problem) => problem.kind === 'invalid' && problem.pointer === pointer);
}

/**
 * True when the group has, or may have, an egress rule of the family: a
 * direction or ethertype known only after apply, or one too broken to read
 * (invalid-rule reports it), counts as possible, so the check never claims
 * what the input does not say.
 */
function hasEgress(group: SecurityGroup, family?: Family): boolean {
  return group.rules.some(
    (rule) =>
      (rule.direction === 'egress' || rule.unknown.includes('direction') || unreadable(rule, 'direction')) &&
      (family === undefined ||
        rule.family === family ||
        rule.unknown.includes('ethertype') ||
        unreadable(rule, 'ethertype')),
  );
}

/** True when every NIC carrying the group gets egress of the family from another group. */
function egressFromElsewhere(model: Model, group: SecurityGroup, family?: Family): boolean {
  if (!model.hasAttachments) return false;
  const byName = groupsByName(model);
  const nics = model.nics
    .filter((nic) => nic.nicSecurity)
    .map((nic) => nicGroups(nic, byName))
    .filter((groups): groups is SecurityGroup[] => groups !== null && groups.includes(group));
  if (nics.length === 0) return false;
  return nics.every((groups) => groups.some((other) => other !== group && hasEgress(other, family)));
}

export default defineCheck({
  id: 'missing-egress',
  description: 'A group has no egress rule (all outbound traffic blocked), or egress for one family only.',
  defaultSeverity: 'warning',
  tags: ['reliability', 'network'],
  securitySeverity: '2.0',
  precision: 'high',
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const group of model.groups) {
      if (!group.rulesKnown) continue;
      if (!hasEgress(group)) {
        if (!egressFromElsewhere(model, group)) {
          report({ group, message: `group "${group.name}" has no egress rule: all outbound traffic is blocked` });
        }
        continue;
      }
      for (const [family, other] of [[4, 6], [6, 4]] as const) {
        if (hasEgress(group, family) && !hasEgress(group, other) && !egressFromElsewhere(model, group, other)) {
          report({
            group,
            severity: 'note',
            message: `group "${group.name}" has egress rules for IPv${family} only: outbound IPv${other} traffic is blocked`,
          });
        }
      }
    }
  },
});
