import { describe, expect, it } from 'vitest';
import { lintModel } from '../../src/engine/lint.js';
import { locateHclPointers } from '../../src/load/hcl-positions.js';
import { loadTexts, withHclParses } from '../../src/load/index.js';
import type { InputText } from '../../src/load/read.js';

function input(path: string, text: string): InputText {
  return { path, absolute: undefined, text, fromDirectory: false };
}

async function lintTf(files: Record<string, string>) {
  const loaded = loadTexts(
    await withHclParses(Object.entries(files).map(([path, text]) => input(path, text))),
  );
  const result = lintModel(loaded);
  return {
    findings: result.findings.map(
      (finding) =>
        `${finding.check} ${finding.file}:${finding.line}:${finding.column} ${finding.logical ?? '-'}`,
    ),
    problems: result.problems,
    model: result.model,
  };
}

const group = `resource "stackit_security_group" "web" {
  project_id = var.project_id
  name       = "web"
}
`;

describe('Terraform .tf files', () => {
  it('checks literal values and points at the block and the attribute', async () => {
    const rules = `resource "stackit_security_group_rule" "ssh" {
  project_id        = var.project_id
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = { name = "tcp" }
  port_range        = { min = 22, max = 22 }
  ip_range          = "10.1.2.3/8" # an office range
}

resource "stackit_security_group_rule" "all" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "egress"
}
`;
    const { findings } = await lintTf({ 'net/groups.tf': group, 'net/rules.tf': rules });
    expect(findings).toEqual([
      'missing-egress net/groups.tf:3:3 stackit_security_group.web',
      'non-canonical-cidr net/rules.tf:7:3 stackit_security_group_rule.ssh',
    ]);
  });

  it('leaves a value given by a variable or another resource unknown, and says so', async () => {
    const rules = `resource "stackit_security_group_rule" "ssh" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = { name = "tcp" }
  port_range        = { min = var.port, max = var.port }
  ip_range          = "\${stackit_public_ip.lb.ip}/32"
}
`;
    const { findings, problems, model } = await lintTf({ 'net/main.tf': `${group}\n${rules}` });
    expect(model.groups[0]?.rules[0]?.unknown).toEqual(['ports', 'remote']);
    expect(findings).toEqual(['missing-egress net/main.tf:3:3 stackit_security_group.web']);
    expect(problems.map((problem) => problem.message)).toEqual([
      '1 rule has values that depend on variables or other resources: stackit_security_group_rule.ssh (ports, remote); ' +
        'checks that depend on those values skipped them',
    ]);
  });

  it('does not fill an unknown direction, protocol or ethertype with the API default to find fault', async () => {
    const rules = `resource "stackit_security_group_rule" "db" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = var.proto
  port_range        = { min = 5432, max = 5432 }
  ip_range          = "10.0.0.0/8"
}

resource "stackit_security_group_rule" "ssh" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = var.direction
  protocol          = { name = "tcp" }
  port_range        = { min = 22, max = 22 }
  ip_range          = "10.0.0.0/8"
}

resource "stackit_security_group_rule" "ping" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = { name = var.proto }
  icmp_parameters   = { type = 8, code = 0 }
  ip_range          = "10.0.0.0/8"
}

resource "stackit_security_group_rule" "v6" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  ether_type        = var.family
  ip_range          = "2001:db8::/32"
}

resource "stackit_security_group_rule" "out" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "egress"
  ether_type        = var.family
}
`;
    const { findings, model } = await lintTf({ 'net/main.tf': `${group}\n${rules}` });
    expect(model.groups[0]?.rules.map((rule) => [rule.unknown, rule.problems])).toEqual([
      [['protocol'], []],
      [['direction'], []],
      [['protocol'], []],
      [['ethertype'], []],
      [['ethertype'], []],
    ]);
    expect(findings).toEqual([]);
  });

  it('still reports what is wrong whatever the unknown value turns out to be', async () => {
    const rules = `resource "stackit_security_group_rule" "db" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = var.proto
  port_range        = { min = 5432, max = 5431 }
}

resource "stackit_security_group_rule" "out" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "egress"
}
`;
    const { findings } = await lintTf({ 'net/main.tf': `${group}\n${rules}` });
    expect(findings).toEqual([
      'missing-egress net/main.tf:3:3 stackit_security_group.web',
      'invalid-rule net/main.tf:10:3 stackit_security_group_rule.db',
    ]);
  });

  it('joins by reference only inside one module (directory)', async () => {
    const rule = `resource "stackit_security_group_rule" "ssh" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "egress"
}
`;
    const { model } = await lintTf({ 'a/groups.tf': group, 'b/rules.tf': rule });
    expect(model.groups.map((entry) => [entry.name, entry.rulesKnown, entry.rules.length])).toEqual([
      ['web', true, 0],
      ['stackit_security_group.web', false, 1],
    ]);
  });

  it('does not call a group egress-less while rules of unknown group could be its egress', async () => {
    const root = `${group}
module "rules" {
  source            = "./modules/rules"
  security_group_id = stackit_security_group.web.security_group_id
}
`;
    const rules = `variable "security_group_id" {}

resource "stackit_security_group_rule" "out" {
  security_group_id = var.security_group_id
  direction         = "egress"
}
`;
    const { findings, problems, model } = await lintTf({ 'main.tf': root, 'modules/rules/main.tf': rules });
    expect(findings).toEqual([]);
    expect(model.groups.map((entry) => [entry.name, entry.rulesKnown])).toEqual([
      ['web', false],
      ['(rules without a group)', false],
    ]);
    expect(problems.map((problem) => `${problem.file}: ${problem.message}`)).toContain(
      'modules/rules/main.tf: 1 Terraform rule names a group that sglint cannot follow (a variable, a module ' +
        'input, a count or for_each instance), so any group of the input may have more rules: checks that ' +
        'need every rule of a group (missing-egress, stateless-missing-return) skipped 1 group',
    );
  });

  it('merges override files into the blocks they override, as Terraform does', async () => {
    const rules = `resource "stackit_security_group_rule" "ssh" {
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
  protocol          = { name = "tcp" }
  port_range        = { min = 22, max = 22 }
  ip_range          = "10.0.0.0/8"
}
`;
    const override = `resource "stackit_security_group_rule" "ssh" {
  ip_range = "0.0.0.0/0"
}

resource "stackit_security_group_rule" "nowhere" {
  direction = "egress"
}
`;
    const { findings, problems, model } = await lintTf({
      'net/main.tf': `${group}\n${rules}`,
      'net/ssh_override.tf': override,
    });
    expect(model.groups[0]?.rules.map((rule) => rule.source.logical)).toEqual(['stackit_security_group_rule.ssh']);
    expect(findings).toEqual([
      'missing-egress net/main.tf:3:3 stackit_security_group.web',
      'ingress-sensitive-port-world net/main.tf:6:1 stackit_security_group_rule.ssh',
    ]);
    expect(problems.map((problem) => `${problem.file}: ${problem.message}`)).toEqual([
      'net/ssh_override.tf: override blocks without a block to override were not read: ' +
        'stackit_security_group_rule.nowhere',
    ]);
  });

  it('skips resources with a literal empty for_each, like count = 0', async () => {
    const rule = (name: string, forEach: string) => `resource "stackit_security_group_rule" "${name}" {
  for_each          = ${forEach}
  security_group_id = stackit_security_group.web.security_group_id
  direction         = "ingress"
}
`;
    const text = `${group}\n${rule('a', '{}')}${rule('b', '[]')}${rule('c', 'toset([])')}${rule('d', 'var.rules')}`;
    const { model } = await lintTf({ 'main.tf': text });
    expect(model.groups[0]?.rules.map((entry) => entry.source.logical)).toEqual(['stackit_security_group_rule.d']);
  });

  it('reads "true" and "false" texts of boolean attributes as Terraform converts them', async () => {
    const text = `resource "stackit_security_group" "web" {
  name     = "web"
  stateful = "false"
}

resource "stackit_network_interface" "vpn" {
  network_id = "n"
  name       = "vpn"
  security   = "false"
}
`;
    const { findings, model } = await lintTf({ 'main.tf': text });
    expect(model.groups[0]?.stateful).toBe(false);
    expect(model.groups[0]?.rules).toEqual([]);
    expect(findings).toEqual([
      'missing-egress main.tf:2:3 stackit_security_group.web',
      'unused-group main.tf:2:3 stackit_security_group.web',
      'nic-security-disabled main.tf:9:3 stackit_network_interface.vpn',
    ]);
  });

  it('does not call a group unused when a module call receives it', async () => {
    const nic = `resource "stackit_network_interface" "bastion" {
  project_id         = var.project_id
  network_id         = "n"
  security_group_ids = []
}
`;
    const handed = `module "server" {
  source             = "git::https://example.com/stackit-server.git?ref=v1"
  security_group_ids = [stackit_security_group.web.security_group_id]
}
`;
    const unused = (await lintTf({ 'main.tf': `${group}\n${nic}` })).findings;
    expect(unused.filter((finding) => finding.startsWith('unused-group'))).toEqual([
      'unused-group main.tf:3:3 stackit_security_group.web',
    ]);
    const { findings, model } = await lintTf({ 'main.tf': `${group}\n${nic}`, 'servers.tf': handed });
    expect(model.groups[0]?.passedToModule).toBe(true);
    expect(findings.filter((finding) => finding.startsWith('unused-group'))).toEqual([]);
  });

  it('does not ask a data source for the name only the API knows', async () => {
    const text = `data "stackit_security_group" "existing" {
  project_id        = "p"
  security_group_id = "11111111-1111-4111-8111-111111111111"
}
`;
    const { findings, model } = await lintTf({ 'main.tf': text });
    expect(model.groups.map((entry) => [entry.name, entry.external])).toEqual([
      ['11111111-1111-4111-8111-111111111111', true],
    ]);
    expect(findings).toEqual([]);
  });

  it('reports a syntax error with its line and column', async () => {
    const { problems } = await lintTf({
      'bad.tf': 'resource "stackit_security_group" "x" {\n  name = \n}\n',
    });
    expect(problems).toEqual([
      {
        file: 'bad.tf',
        message:
          'invalid HCL: invalid expression: Expected the start of an expression, but found an invalid expression token',
        line: 2,
        column: 10,
        fatal: true,
      },
    ]);
  });

  it('skips a resource switched off with count = 0', async () => {
    const off = 'resource "stackit_security_group" "old" {\n  count = 0\n  name  = "old"\n}\n';
    const { model } = await lintTf({ 'main.tf': off });
    expect(model.groups).toEqual([]);
    const quoted = 'resource "stackit_security_group" "old" {\n  count = "0"\n  name  = "old"\n}\n';
    expect((await lintTf({ 'main.tf': quoted })).model.groups).toEqual([]);
  });
});

describe('positions in HCL text', () => {
  const text = `# heading { not a brace }
resource "stackit_security_group_rule" "ssh" {
  description = "braces } and \${var.x} in a string"
  notes = <<-EOT
    } not code {
  EOT
  protocol = {
    name = "tcp"
  }
  port_range = { min = 22, max = 22 }
}
`;

  it.each([
    ['/resource/stackit_security_group_rule/ssh', 2, 1, 11, 2],
    ['/resource/stackit_security_group_rule/ssh/description', 3, 3, 3, 52],
    ['/resource/stackit_security_group_rule/ssh/protocol/name', 8, 5, 8, 17],
    ['/resource/stackit_security_group_rule/ssh/port_range/max', 10, 28, 10, 36],
    ['/resource/stackit_security_group_rule/ssh/ip_range', 2, 1, 11, 2],
  ])('places %s at %i:%i-%i:%i', (pointer, line, column, endLine, endColumn) => {
    expect(locateHclPointers(text, [pointer]).get(pointer)).toEqual({ line, column, endLine, endColumn });
  });
});
