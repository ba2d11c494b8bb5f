/**
 * Builds model rules the way the loader does (API-shaped JSON through
 * `normalizeRule`), so tests exercise `ruleBox` and `trafficKey` too.
 */
import { normalizeRule } from '../../src/model/normalize.js';
import type { SecurityGroup, SecurityGroupRule } from '../../src/model/types.js';

/** One model rule from an API-shaped rule object. */
export function makeRule(raw: Record<string, unknown>, index = 0, groupKey = 'g1'): SecurityGroupRule {
  return normalizeRule({
    raw: { direction: 'ingress', ...raw },
    key: `${groupKey}-r${index}`,
    groupKey,
    index,
    source: { file: 0, pointer: `/items/0/rules/${index}` },
  });
}

/** A group holding the given API-shaped rules, in order. */
export function makeGroup(raws: readonly Record<string, unknown>[], stateful = true): SecurityGroup {
  return {
    key: 'g1',
    id: 'sg-1',
    name: 'web',
    description: undefined,
    labels: {},
    stateful,
    rules: raws.map((raw, index) => makeRule(raw, index)),
    source: { file: 0, pointer: '/items/0' },
    rulesKnown: true,
    projectId: undefined,
  };
}
