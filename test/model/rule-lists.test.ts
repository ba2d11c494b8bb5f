import { describe, expect, it } from 'vitest';
import { normalizeRule } from '../../src/model/normalize.js';
import type { SecurityGroupRule, UnknownField } from '../../src/model/types.js';

function rule(raw: unknown, index: number, unknown?: UnknownField[]): SecurityGroupRule {
  return normalizeRule({
    raw,
    key: `r${index}`,
    groupKey: 'g1',
    index,
    source: { file: 0, pointer: `/items/0/rules/${index}` },
    unknown,
  });
}

describe('the problem and unknown lists of normalized rules', () => {
  it('gives a rule with problems a list of its own, and leaves the rules without any empty', () => {
    const clean = rule({ direction: 'ingress', ipRange: '10.0.0.0/8' }, 0);
    const hostBits = rule({ direction: 'ingress', ipRange: '10.0.0.1/8', protocol: 'TCP' }, 1);
    const after = rule({ direction: 'egress' }, 2);
    expect(hostBits.problems).toEqual([
      { kind: 'invalid', message: 'protocol name "TCP" must be lower-case ("tcp")', pointer: '/items/0/rules/1/protocol' },
      {
        kind: 'non-canonical-cidr',
        message: 'ipRange "10.0.0.1/8" has host bits set; it means 10.0.0.0/8',
        pointer: '/items/0/rules/1/ipRange',
      },
    ]);
    expect(clean.problems).toEqual([]);
    expect(after.problems).toEqual([]);
    expect([clean.unknown, hostBits.unknown, after.unknown]).toEqual([[], [], []]);
  });

  it('shares a frozen empty list among rules without problems, so none can fill it for all', () => {
    const clean = rule({ direction: 'ingress' }, 0);
    expect(Object.isFrozen(clean.problems)).toBe(true);
    expect(Object.isFrozen(clean.unknown)).toBe(true);
    expect(() => clean.problems.push({ kind: 'invalid', message: 'x', pointer: '' })).toThrow(TypeError);
  });

  it('lists each unknown field once, in a list of the rule', () => {
    const planned = rule({ direction: 'ingress' }, 0, ['remote', 'ports', 'remote']);
    expect(planned.unknown).toEqual(['remote', 'ports']);
    expect(Object.isFrozen(planned.unknown)).toBe(false);
    expect(planned.analysable).toBe(false);
  });
});
