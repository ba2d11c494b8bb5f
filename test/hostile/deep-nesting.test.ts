import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { runCli } from '../fuzz/harness.js';

/** Arrays nested `depth` deep, as text (built without recursion). */
function nestedText(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A group whose `field` (written as JSON text) replaces the "X" placeholder. */
function groupWith(placeholderJson: string, deep: string): string {
  return placeholderJson.replace('"X"', deep);
}

const DEEP = nestedText(100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'sglint-deep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const findingsOf = (text: string): string[] =>
  lintTexts([{ path: 'deep.json', text }]).findings.map(
    (finding) => `${finding.check} ${finding.line}:${finding.column} ${finding.message}`,
  );

describe('documents nested 100,000 deep', () => {
  it('reports a named file of nothing but nesting as an unknown shape, exit 2, no crash', async () => {
    writeFileSync(path.join(dir, 'deep.json'), DEEP);
    const run = await runCli(['deep.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^deep\.json:1:1: error: unknown document shape; expected /);
  });

  it('points at line 1 column 1 for unclosed nesting the error-position parser cannot follow', async () => {
    writeFileSync(path.join(dir, 'open.json'), '['.repeat(100_000));
    const run = await runCli(['open.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('open.json:1:1: error: invalid JSON\n');
  });

  it('ignores a label nested that deep and still checks the rules (positions still exact)', () => {
    const text = groupWith('{"name":"g","labels":{"a":"X"},"rules":[{"direction":"ingress"}]}', DEEP);
    expect(findingsOf(text)).toEqual([
      'missing-egress 1:9 group "g" has no egress rule: all outbound traffic is blocked',
      'ingress-all-ports-world 1:200038 every protocol and port reachable from the world through every address (no ipRange)',
    ]);
  });

  it('reports a protocol nested that deep as invalid instead of overflowing while quoting it', () => {
    const text = groupWith(
      '{"name":"g","rules":[{"direction":"ingress","protocol":"X"},{"direction":"egress"}]}',
      DEEP,
    );
    expect(findingsOf(text)).toContain(
      'invalid-rule 1:56 protocol is […]; expected an object {name, number}, a protocol name or a number 0-255',
    );
  });

  it('reports a group name nested that deep as invalid', () => {
    const text = groupWith(
      '{"name":"X","rules":[{"direction":"egress"},{"direction":"egress","ethertype":"IPv6"}]}',
      DEEP,
    );
    expect(findingsOf(text)).toEqual([
      'invalid-rule 1:9 name is […]; Invalid input: expected string, received array',
    ]);
  });

  it('reads an object nested that deep as a value without overflowing', () => {
    const deepObject = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const text = groupWith(
      '{"name":"g","description":"X","rules":[{"direction":"egress"},{"direction":"egress","ethertype":"IPv6"}]}',
      deepObject,
    );
    expect(findingsOf(text)).toEqual([
      'invalid-rule 1:27 description is {…}; Invalid input: expected string, received object',
    ]);
  });

  it('reads Terraform documents with deep resource fields and child modules without overflowing', () => {
    const group = {
      address: 'stackit_security_group.web', mode: 'managed', type: 'stackit_security_group', name: 'web',
      values: { name: 'web', security_group_id: 'g-1', stateful: true },
    };
    const rule = {
      address: 'stackit_security_group_rule.ssh', mode: 'managed', type: 'stackit_security_group_rule',
      name: 'ssh',
      values: {
        security_group_id: 'g-1', direction: 'ingress', ether_type: 'IPv4', ip_range: '0.0.0.0/0',
        protocol: { name: 'tcp' }, port_range: { min: 22, max: 22 },
      },
    };
    const odd = { address: 'x.y', mode: 'managed', type: 'X', name: 'y', values: {} };
    const resources = JSON.stringify([group, rule, odd]).replace('"X"', DEEP);
    const children = `${'{"child_modules":['.repeat(50_000)}{}${']}'.repeat(50_000)}`;
    const state =
      `{"format_version":"1.0","terraform_version":"1.9.5","values":{"root_module":` +
      `{"resources":${resources},"child_modules":[${children}]}}}`;
    expect(findingsOf(state)).toEqual([
      'missing-egress 1:210 group "web" has no egress rule: all outbound traffic is blocked',
      'ingress-sensitive-port-world 1:381 tcp/22 (SSH) reachable from the world through 0.0.0.0/0',
    ]);
  });
});
