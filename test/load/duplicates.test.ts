import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { InputText } from '../../src/load/read.js';

const WEB = '11111111-1111-4111-8111-111111111111';

function input(path: string, value: unknown): InputText {
  return { path, absolute: undefined, text: `${JSON.stringify(value, null, 2)}\n`, fromDirectory: false };
}

const ssh = {
  id: 'r1',
  direction: 'ingress',
  protocol: { name: 'tcp', number: 6 },
  portRange: { min: 22, max: 22 },
};
const egress = { id: 'r2', direction: 'egress' };
const webGroup = { id: WEB, name: 'web', rules: [ssh, egress] };

function summary(texts: InputText[]): string[] {
  return lintTexts(texts).findings.map(
    (finding) => `${finding.check} ${finding.file}:${finding.line} ${finding.message}`,
  );
}

describe('the same group id in several inputs', () => {
  it('merges identical copies silently and lints the group once', () => {
    expect(summary([input('a.json', { items: [webGroup] }), input('b.json', [webGroup])])).toEqual([
      'missing-egress a.json:5 group "web" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
      'ingress-sensitive-port-world a.json:7 tcp/22 (SSH) reachable from the world through every address (no ipRange)',
    ]);
  });

  it('merges an export with a Terraform state that holds the same rules', () => {
    const state = {
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            {
              address: 'stackit_security_group.web',
              mode: 'managed',
              type: 'stackit_security_group',
              values: { security_group_id: WEB, name: 'web' },
            },
            {
              address: 'stackit_security_group_rule.ssh',
              mode: 'managed',
              type: 'stackit_security_group_rule',
              values: {
                security_group_id: WEB,
                direction: 'ingress',
                ether_type: 'IPv4',
                protocol: { name: 'tcp', number: 6 },
                port_range: { min: 22, max: 22 },
              },
            },
            {
              address: 'stackit_security_group_rule.out',
              mode: 'managed',
              type: 'stackit_security_group_rule',
              values: {
                security_group_id: WEB,
                direction: 'egress',
                ether_type: 'IPv4',
                protocol: null,
                port_range: null,
              },
            },
          ],
        },
      },
    };
    const result = lintTexts([input('export.json', [webGroup]), input('state.json', state)]);
    expect(result.model.groups.map((group) => [group.name, group.refs])).toEqual([
      ['web', ['terraform:stackit_security_group.web']],
    ]);
    expect(result.findings.map((finding) => finding.file)).toEqual(['export.json', 'export.json']);
  });

  it('reports conflicting copies on the later one and lints both', () => {
    const wider = { ...webGroup, rules: [{ ...ssh, portRange: { min: 22, max: 23 } }, egress] };
    expect(summary([input('a.json', [webGroup]), input('b.json', [wider])])).toEqual([
      'missing-egress a.json:4 group "web" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
      'ingress-sensitive-port-world a.json:6 tcp/22 (SSH) reachable from the world through every address (no ipRange)',
      `invalid-rule b.json:3 group ${WEB} also appears in a.json with different rules; ` +
        'sglint does not merge them and checks both copies',
      'missing-egress b.json:4 group "web" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
      'ingress-sensitive-port-world b.json:6 tcp/22 (SSH), tcp/23 (Telnet) reachable from the world ' +
        'through every address (no ipRange)',
    ]);
  });

  it('takes a copy with rules over one that names the group only', () => {
    const result = lintTexts([input('names.json', [{ id: WEB, name: 'web' }]), input('a.json', [webGroup])]);
    expect(
      result.model.groups.map((group) => [result.model.files[group.source.file]?.path, group.rules.length]),
    ).toEqual([['a.json', 2]]);
  });
});
