import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { InputText } from '../../src/load/read.js';

const PROJECT = '0e000000-0000-4000-8000-000000000001';
const GROUP = '11111111-1111-4111-8111-111111111111';
const DEFAULT_GROUP = '22222222-2222-4222-8222-222222222222';

function input(path: string, value: unknown): InputText {
  return { path, absolute: undefined, text: `${JSON.stringify(value, null, 2)}\n`, fromDirectory: false };
}

/** The text at a 1-based line and column, up to the end of the token there. */
function at(text: string, line: number, column: number): string {
  return (text.split('\n')[line - 1] ?? '').slice(column - 1).replace(/,$/, '');
}

function lint(value: unknown) {
  const result = lintTexts([input('tf.json', value)]);
  return {
    findings: result.findings.map(
      (finding) =>
        `${finding.check} ${finding.line}:${finding.column} ${finding.logical ?? '-'} ${finding.message}`,
    ),
    notes: result.problems.map((problem) => problem.message),
    model: result.model,
  };
}

function stateResource(address: string, type: string, values: Record<string, unknown>, mode = 'managed') {
  const name = address.split('.').pop();
  return { address, mode, type, name, provider_name: 'registry.terraform.io/stackitcloud/stackit', values };
}

const groupValues = { project_id: PROJECT, security_group_id: GROUP, name: 'web', stateful: true };
const ruleValues = {
  project_id: PROJECT,
  security_group_id: GROUP,
  security_group_rule_id: 'r1',
  direction: 'ingress',
  ether_type: 'IPv4',
  protocol: { name: 'tcp', number: 6 },
  port_range: { min: 22, max: 22 },
  ip_range: '10.1.2.3/8',
  remote_security_group_id: null,
  icmp_parameters: null,
};
const egressValues = {
  ...ruleValues,
  security_group_rule_id: 'r2',
  direction: 'egress',
  protocol: null,
  port_range: null,
  ip_range: null,
};

describe('terraform show -json of state', () => {
  const state = {
    format_version: '1.0',
    terraform_version: '1.9.5',
    values: {
      root_module: {
        child_modules: [
          {
            address: 'module.net',
            resources: [
              stateResource('module.net.stackit_security_group.web', 'stackit_security_group', groupValues),
              stateResource(
                'module.net.stackit_security_group_rule.ssh',
                'stackit_security_group_rule',
                ruleValues,
              ),
              stateResource(
                'module.net.stackit_security_group_rule.out',
                'stackit_security_group_rule',
                egressValues,
              ),
            ],
          },
        ],
      },
    },
  };

  it('joins rules to groups by security_group_id and names the resource address', () => {
    const { model, findings } = lint(state);
    expect(
      model.groups.map((group) => [group.id, group.name, group.rules.length, group.source.logical]),
    ).toEqual([[GROUP, 'web', 2, 'module.net.stackit_security_group.web']]);
    expect(findings).toEqual([
      'missing-egress 19:25 module.net.stackit_security_group.web group "web" has egress rules for IPv4 only: ' +
        'outbound IPv6 traffic is blocked',
      'non-canonical-cidr 43:29 module.net.stackit_security_group_rule.ssh ipRange "10.1.2.3/8" has host bits set; ' +
        'it means 10.0.0.0/8',
    ]);
  });

  it('points a finding about a field at its snake_case attribute', () => {
    const text = input('tf.json', state).text;
    expect(at(text, 43, 29)).toBe('"10.1.2.3/8"');
    expect(at(text, 19, 25)).toBe('"web"');
  });
});

function change(
  address: string,
  type: string,
  after: Record<string, unknown>,
  afterUnknown: Record<string, unknown>,
) {
  const parts = address.split('.');
  const entry: Record<string, unknown> = { address };
  if (parts[0] === 'module') entry.module_address = parts.slice(0, -2).join('.');
  return {
    ...entry,
    mode: 'managed',
    type,
    name: parts[parts.length - 1],
    change: { actions: ['create'], before: null, after, after_unknown: afterUnknown },
  };
}

function configResource(address: string, expressions: Record<string, unknown>) {
  const [type, name] = address.split('.');
  return { address, mode: 'managed', type, name, expressions };
}

const newGroup = change(
  'stackit_security_group.web',
  'stackit_security_group',
  { name: 'web', project_id: PROJECT },
  {
    id: true,
    security_group_id: true,
    stateful: true,
  },
);
const groupRef = {
  references: ['stackit_security_group.web.security_group_id', 'stackit_security_group.web'],
};

function plan(
  rules: {
    name: string;
    after: Record<string, unknown>;
    unknown: Record<string, unknown>;
    expressions: Record<string, unknown>;
  }[],
) {
  return {
    format_version: '1.2',
    terraform_version: '1.9.5',
    resource_changes: [
      newGroup,
      ...rules.map((rule) =>
        change(`stackit_security_group_rule.${rule.name}`, 'stackit_security_group_rule', rule.after, {
          id: true,
          security_group_id: true,
          security_group_rule_id: true,
          ...rule.unknown,
        }),
      ),
    ],
    configuration: {
      root_module: {
        resources: [
          configResource('stackit_security_group.web', { name: { constant_value: 'web' } }),
          ...rules.map((rule) =>
            configResource(`stackit_security_group_rule.${rule.name}`, {
              security_group_id: groupRef,
              ...rule.expressions,
            }),
          ),
        ],
      },
    },
  };
}

const sshAfter = { direction: 'ingress', protocol: { name: 'tcp' }, port_range: { min: 22, max: 22 } };
const sshExpressions = {
  direction: { constant_value: 'ingress' },
  protocol: { constant_value: { name: 'tcp' } },
  port_range: { constant_value: { min: 22, max: 22 } },
};
const computedWhenUnset = { ether_type: true, protocol: { number: true }, icmp_parameters: true };

describe('terraform show -json of a plan', () => {
  it('joins rules whose group id is unknown by the reference in the configuration', () => {
    const { model } = lint(
      plan([{ name: 'ssh', after: sshAfter, unknown: computedWhenUnset, expressions: sshExpressions }]),
    );
    expect(
      model.groups.map((group) => [group.id, group.name, group.rules.map((rule) => rule.source.logical)]),
    ).toEqual([[undefined, 'web', ['stackit_security_group_rule.ssh']]]);
  });

  it('reads an attribute the configuration leaves out as absent, though the plan computes it', () => {
    const { findings, notes } = lint(
      plan([{ name: 'ssh', after: sshAfter, unknown: computedWhenUnset, expressions: sshExpressions }]),
    );
    expect(findings).toEqual([
      'missing-egress 16:19 stackit_security_group.web group "web" has no egress rule: all outbound traffic is blocked',
      'ingress-sensitive-port-world 36:18 stackit_security_group_rule.ssh tcp/22 (SSH) reachable from the world ' +
        'through every address (no ipRange)',
    ]);
    expect(notes).toEqual([]);
    const text = input(
      'p.json',
      plan([{ name: 'ssh', after: sshAfter, unknown: computedWhenUnset, expressions: sshExpressions }]),
    ).text;
    expect(at(text, 16, 19)).toBe('"web"');
    expect(text.split('\n')[35]?.trim()).toBe('"after": {');
    expect(at(text, 36, 18)).toBe('{');
  });

  it('never guesses a configured value that is unknown until apply', () => {
    const { findings, notes, model } = lint(
      plan([
        {
          name: 'ssh',
          after: sshAfter,
          unknown: { ...computedWhenUnset, ip_range: true },
          expressions: {
            ...sshExpressions,
            ip_range: { references: ['stackit_public_ip.lb.ip', 'stackit_public_ip.lb'] },
          },
        },
      ]),
    );
    expect(model.groups[0]?.rules[0]?.unknown).toEqual(['remote']);
    expect(findings).toEqual([
      'missing-egress 16:19 stackit_security_group.web group "web" has no egress rule: all outbound traffic is blocked',
    ]);
    expect(notes).toEqual([
      '1 rule has values known only after apply: stackit_security_group_rule.ssh (remote); ' +
        'checks that depend on those values skipped them',
    ]);
  });

  it('does not call ports on a protocol known only after apply "ports on every protocol"', () => {
    const { findings, model } = lint(
      plan([
        {
          name: 'db',
          after: { direction: 'ingress', port_range: { min: 5432, max: 5432 }, ip_range: '10.0.0.0/8' },
          unknown: { ...computedWhenUnset, protocol: true, ether_type: true },
          expressions: {
            direction: { constant_value: 'ingress' },
            protocol: { references: ['var.proto'] },
            ether_type: { references: ['var.family'] },
            port_range: { constant_value: { min: 5432, max: 5432 } },
            ip_range: { constant_value: '10.0.0.0/8' },
          },
        },
      ]),
    );
    expect(model.groups[0]?.rules[0]?.unknown).toEqual(['ethertype', 'protocol']);
    expect(model.groups[0]?.rules[0]?.problems).toEqual([]);
    expect(findings).toEqual([
      'missing-egress 16:19 stackit_security_group.web group "web" has no egress rule: all outbound traffic is blocked',
    ]);
  });

  it('reads a protocol whose name comes from a variable: only its number is left to compute', () => {
    const fromVariable = (name: string | null, unknown: Record<string, boolean>) =>
      lint(
        plan([
          {
            name: 'ssh',
            after: { ...sshAfter, protocol: { name, number: null } },
            unknown: { ...computedWhenUnset, protocol: unknown },
            expressions: { ...sshExpressions, protocol: { references: ['var.protocol'] } },
          },
        ]),
      );
    const known = fromVariable('tcp', { number: true });
    expect(known.model.groups[0]?.rules[0]?.unknown).toEqual([]);
    expect(known.findings.filter((finding) => finding.startsWith('ingress'))).toEqual([
      'ingress-sensitive-port-world 36:18 stackit_security_group_rule.ssh tcp/22 (SSH) reachable from the world ' +
        'through every address (no ipRange)',
    ]);
    const unknown = fromVariable(null, { name: true, number: true });
    expect(unknown.model.groups[0]?.rules[0]?.unknown).toEqual(['protocol']);
    expect(unknown.findings.filter((finding) => finding.startsWith('ingress'))).toEqual([]);
  });

  it('does not call count instances egress-less when their egress rules name "one of them"', () => {
    const instance = (type: string, name: string, index: number, after: Record<string, unknown>, unknown: object) => ({
      address: `${type}.${name}[${index}]`,
      mode: 'managed',
      type,
      name,
      index,
      change: { actions: ['create'], before: null, after, after_unknown: unknown },
    });
    const groupAt = (index: number) =>
      instance('stackit_security_group', 'g', index, { name: `half-${index}`, project_id: PROJECT }, {
        security_group_id: true,
      });
    const egressAt = (index: number) =>
      instance('stackit_security_group_rule', 'out', index, { direction: 'egress', security_group_id: null }, {
        security_group_rule_id: true,
        security_group_id: true,
      });
    const { findings, notes, model } = lint({
      format_version: '1.2',
      terraform_version: '1.9.5',
      resource_changes: [groupAt(0), groupAt(1), egressAt(0), egressAt(1)],
      configuration: {
        root_module: {
          resources: [
            configResource('stackit_security_group.g', { name: { references: ['count.index'] } }),
            configResource('stackit_security_group_rule.out', {
              direction: { constant_value: 'egress' },
              security_group_id: {
                references: ['stackit_security_group.g', 'count.index'],
              },
            }),
          ],
        },
      },
    });
    expect(model.groups.map((group) => [group.name, group.rulesKnown])).toEqual([
      ['half-0', false],
      ['half-1', false],
      ['(rules without a group)', false],
      ['(rules without a group)', false],
    ]);
    expect(findings).toEqual([]);
    expect(notes[0]).toBe(
      '2 Terraform rules name groups that sglint cannot follow (a variable, a module input, a count or ' +
        'for_each instance), so any group of the input may have more rules: checks that need every rule of ' +
        'a group (missing-egress, stateless-missing-return) skipped 2 groups',
    );
  });

  it('treats every unknown as unknown when the plan has no configuration', () => {
    const document = plan([
      { name: 'ssh', after: sshAfter, unknown: computedWhenUnset, expressions: sshExpressions },
    ]);
    delete (document as { configuration?: unknown }).configuration;
    const { model, findings } = lint(document);
    expect(model.groups.map((group) => group.name)).toEqual(['web', '(rules without a group)']);
    // The protocol's name is planned; only its number is computed, so the protocol is known.
    expect(model.groups[1]?.rules[0]?.unknown).toEqual(['ethertype', 'icmp']);
    expect(findings.filter((finding) => finding.startsWith('ingress'))).toEqual([]);
  });

  it('joins a remote group given by reference, and leaves one it cannot resolve unknown', () => {
    const { model, findings } = lint(
      plan([
        {
          name: 'from_web',
          after: sshAfter,
          unknown: { ...computedWhenUnset, remote_security_group_id: true },
          expressions: { ...sshExpressions, remote_security_group_id: groupRef },
        },
        {
          name: 'from_elsewhere',
          after: { ...sshAfter, port_range: { min: 23, max: 23 } },
          unknown: { ...computedWhenUnset, remote_security_group_id: true },
          expressions: {
            ...sshExpressions,
            remote_security_group_id: { references: ['module.other.group_id', 'module.other'] },
          },
        },
      ]),
    );
    const [fromWeb, fromElsewhere] = model.groups[0]?.rules ?? [];
    expect(fromWeb?.remote).toEqual({ kind: 'group', groupId: 'terraform:stackit_security_group.web' });
    expect(fromWeb?.analysable).toBe(true);
    expect(fromElsewhere?.unknown).toEqual(['remote']);
    expect(findings.filter((finding) => finding.includes('unknown-remote-group'))).toEqual([]);
  });

  it('does not take a state for a whole project: a remote group managed elsewhere is not unknown', () => {
    const state = {
      format_version: '1.0',
      terraform_version: '1.9.5',
      values: {
        root_module: {
          resources: [
            {
              address: 'stackit_security_group.app',
              mode: 'managed',
              type: 'stackit_security_group',
              name: 'app',
              values: { name: 'app', description: 'd', security_group_id: 'G1', stateful: true },
            },
            {
              address: 'stackit_security_group_rule.from_shared',
              mode: 'managed',
              type: 'stackit_security_group_rule',
              name: 'from_shared',
              values: {
                description: 'pg from shared',
                direction: 'ingress',
                security_group_id: 'G1',
                security_group_rule_id: 'R1',
                ether_type: 'IPv4',
                protocol: { name: 'tcp', number: 6 },
                port_range: { min: 5432, max: 5432 },
                ip_range: null,
                remote_security_group_id: 'SHARED-GROUP-ID',
              },
            },
          ],
        },
      },
    };
    const { findings, model } = lint(state);
    expect(model.complete).toBe(false);
    expect(model.groups[0]?.rules[0]?.remote).toEqual({ kind: 'group', groupId: 'SHARED-GROUP-ID' });
    expect(findings.filter((finding) => finding.includes('unknown-remote-group'))).toEqual([]);
  });

  it('reads resources of nested modules by their module address', () => {
    const nested = change(
      'module.a.module.b.stackit_security_group_rule.ssh',
      'stackit_security_group_rule',
      sshAfter,
      {
        ...computedWhenUnset,
        security_group_id: true,
      },
    );
    const group = {
      ...change(
        'module.a.module.b.stackit_security_group.web',
        'stackit_security_group',
        { name: 'web' },
        {},
      ),
    };
    const document = {
      format_version: '1.2',
      resource_changes: [group, nested],
      configuration: {
        root_module: {
          module_calls: {
            a: {
              module: {
                module_calls: {
                  b: {
                    module: {
                      resources: [
                        configResource('stackit_security_group_rule.ssh', {
                          ...sshExpressions,
                          security_group_id: groupRef,
                        }),
                      ],
                    },
                  },
                },
              },
            },
          },
        },
      },
    };
    const { model } = lint(document);
    expect(model.groups.map((entry) => [entry.name, entry.rules.map((rule) => rule.analysable)])).toEqual([
      ['web', [true]],
    ]);
  });
});

describe('attachments in Terraform JSON', () => {
  const nic = (name: string, values: Record<string, unknown>) =>
    stateResource(`stackit_network_interface.${name}`, 'stackit_network_interface', {
      project_id: PROJECT,
      network_interface_id: `nic-${name}`,
      name,
      ...values,
    });
  const withEgress = stateResource(
    'stackit_security_group_rule.out',
    'stackit_security_group_rule',
    egressValues,
  );

  it('knows a NIC with security off has no groups, and reports the unused group', () => {
    const { findings } = lint({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            stateResource('stackit_security_group.web', 'stackit_security_group', groupValues),
            withEgress,
            nic('raw', { security: false }),
          ],
        },
      },
    });
    expect(findings.map((finding) => finding.split(' ').slice(0, 3).join(' '))).toEqual([
      'missing-egress 15:21 stackit_security_group.web',
      'unused-group 15:21 stackit_security_group.web',
      'nic-security-disabled 48:25 stackit_network_interface.raw',
    ]);
  });

  it('does not call a group named by a data source unused, nor its id unknown', () => {
    const fromDefault = {
      ...ruleValues,
      security_group_rule_id: 'r3',
      ip_range: null,
      remote_security_group_id: DEFAULT_GROUP,
    };
    const { findings, model } = lint({
      format_version: '1.0',
      values: {
        root_module: {
          resources: [
            stateResource(
              'data.stackit_security_group.default',
              'stackit_security_group',
              {
                project_id: PROJECT,
                security_group_id: DEFAULT_GROUP,
                name: 'default',
              },
              'data',
            ),
            stateResource('stackit_security_group.web', 'stackit_security_group', groupValues),
            withEgress,
            stateResource(
              'stackit_security_group_rule.from_default',
              'stackit_security_group_rule',
              fromDefault,
            ),
            nic('web', { security: true, security_group_ids: [GROUP] }),
          ],
        },
      },
    });
    expect(model.groups.map((group) => [group.name, group.external ?? false])).toEqual([
      ['default', true],
      ['web', false],
    ]);
    expect(findings.filter((finding) => !finding.startsWith('missing-egress'))).toEqual([]);
  });
});
