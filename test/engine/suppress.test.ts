import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { labelSuppressions, parseDisableValue } from '../../src/engine/suppress.js';
import type { SecurityGroup } from '../../src/model/types.js';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';

function lintGroups(groups: Record<string, unknown>[]) {
  return lintTexts([{ path: 'sg.json', text: exportText(groups) }]);
}

describe('parseDisableValue', () => {
  it.each([
    ['ingress-world,duplicate-rule', ['ingress-world', 'duplicate-rule']],
    [' ingress-world , duplicate-rule ', ['ingress-world', 'duplicate-rule']],
    ['ingress-world.duplicate-rule', ['ingress-world', 'duplicate-rule']],
    ['ingress-world_duplicate-rule', ['ingress-world', 'duplicate-rule']],
    ['', []],
  ])('splits %j', (value, expected) => {
    expect(parseDisableValue(value)).toEqual(expected);
  });
});

describe('labelSuppressions', () => {
  it('reads sglint-disable and sglint-disable-<id> labels with their justification', () => {
    const labels = {
      'sglint-disable': 'ingress-world',
      'sglint-disable-duplicate-rule': 'OPS-12',
      team: 'x',
    };
    const found = labelSuppressions({ labels } as unknown as SecurityGroup);
    expect(found).toEqual([
      {
        check: 'ingress-world',
        label: 'sglint-disable',
        justification: 'group label sglint-disable=ingress-world',
      },
      {
        check: 'duplicate-rule',
        label: 'sglint-disable-duplicate-rule',
        justification: 'group label sglint-disable-duplicate-rule: OPS-12',
      },
    ]);
  });
});

describe('suppression by group label', () => {
  const groups = [
    group({ name: 'open', rules: [tcpIn(22), tcpIn(8080), ...allEgress()] }),
    group({
      name: 'accepted',
      labels: { 'sglint-disable': 'ingress-sensitive-port-world,ingress-world' },
      rules: [tcpIn(22), tcpIn(8080), ...allEgress()],
    }),
  ];

  it('silences the listed checks for that group only; the findings stay, marked, and do not count', () => {
    const result = lintGroups(groups);
    const rows = result.findings.map((finding) => [
      finding.securityGroup?.name,
      finding.check,
      finding.suppressed?.kind ?? null,
    ]);
    expect(rows).toEqual([
      ['open', 'ingress-sensitive-port-world', null],
      ['open', 'ingress-world', null],
      ['accepted', 'ingress-sensitive-port-world', 'label'],
      ['accepted', 'ingress-world', 'label'],
    ]);
    expect(result.summary).toMatchObject({ errors: 1, warnings: 1, notes: 0, suppressed: 2 });
    expect(result.findings[2]?.suppressed?.justification).toBe(
      'group label sglint-disable=ingress-sensitive-port-world,ingress-world',
    );
  });

  it('can be turned off', () => {
    const result = lintTexts([{ path: 'sg.json', text: exportText(groups) }], { labelSuppressions: false });
    expect(result.summary).toMatchObject({ errors: 2, warnings: 2, suppressed: 0 });
  });

  it('reports a label naming an unknown check as a note at the label', () => {
    const text = exportText([
      group({ name: 'typo', labels: { 'sglint-disable': 'ingres-world' }, rules: allEgress() }),
    ]);
    const result = lintTexts([{ path: 'sg.json', text }]);
    expect(result.problems).toEqual([
      {
        file: 'sg.json',
        message: 'group "typo" label sglint-disable names unknown check "ingres-world"',
        line: 5,
        column: 27,
        fatal: false,
      },
    ]);
  });
});
