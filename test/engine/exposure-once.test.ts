import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';

const EXPOSURE = ['ingress-all-ports-world', 'ingress-sensitive-port-world', 'ingress-world', 'ingress-broad-public-range'];

/** Lints one group of the given rule lines with the recommended settings; returns exposure findings. */
function exposure(...rules: string[]): { check: string; severity: string; line: number; message: string }[] {
  const text = `{"name": "g", "rules": [\n  {"direction": "egress"},\n  {"direction": "egress", "ethertype": "IPv6"},\n${rules
    .map((rule) => `  ${rule}`)
    .join(',\n')}\n]}`;
  const result = lintTexts([{ path: 'g.json', text }]);
  expect(result.problems).toEqual([]);
  return result.findings
    .filter((finding) => EXPOSURE.includes(finding.check))
    .map(({ check, severity, line, message }) => ({ check, severity, line, message }));
}

const TCP22 = '"protocol": "tcp", "portRange": {"min": 22, "max": 22}';

describe('world exposure is reported once, by the most specific check', () => {
  it('a world-open SSH rule: one finding, from ingress-sensitive-port-world', () => {
    expect(exposure(`{"direction": "ingress", ${TCP22}, "ipRange": "0.0.0.0/0"}`)).toEqual([
      {
        check: 'ingress-sensitive-port-world',
        severity: 'error',
        line: 4,
        message: 'tcp/22 (SSH) reachable from the world through 0.0.0.0/0',
      },
    ]);
  });

  it('SSH without ipRange or remote group is an error', () => {
    expect(exposure(`{"direction": "ingress", ${TCP22}}`)).toEqual([
      {
        check: 'ingress-sensitive-port-world',
        severity: 'error',
        line: 4,
        message: 'tcp/22 (SSH) reachable from the world through every address (no ipRange)',
      },
    ]);
  });

  it('RDP from ::/0 is an error', () => {
    const rule = '{"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", ' +
      '"portRange": {"min": 3389, "max": 3389}, "ipRange": "::/0"}';
    expect(exposure(rule)).toEqual([
      {
        check: 'ingress-sensitive-port-world',
        severity: 'error',
        line: 4,
        message: 'tcp/3389 (RDP) reachable from the world through ::/0',
      },
    ]);
  });

  it('a protocol-less rule from 0.0.0.0/0: one error from ingress-all-ports-world, even with SSH beside it', () => {
    expect(
      exposure('{"direction": "ingress", "ipRange": "0.0.0.0/0"}', `{"direction": "ingress", ${TCP22}, "ipRange": "0.0.0.0/0"}`),
    ).toEqual([
      {
        check: 'ingress-all-ports-world',
        severity: 'error',
        line: 4,
        message: 'every protocol and port reachable from the world through 0.0.0.0/0',
      },
    ]);
  });

  it('a wide range from the world splits into sensitive ports and the rest, each once', () => {
    const rule = '{"direction": "ingress", "protocol": "tcp", "portRange": {"min": 20, "max": 80}, "ipRange": "0.0.0.0/0"}';
    expect(exposure(rule)).toEqual([
      {
        check: 'ingress-sensitive-port-world',
        severity: 'error',
        line: 4,
        message: 'tcp/20-21 (FTP), tcp/22 (SSH), tcp/23 (Telnet) reachable from the world through 0.0.0.0/0',
      },
      {
        check: 'ingress-world',
        severity: 'warning',
        line: 4,
        message: 'tcp/24-79 reachable from the world through 0.0.0.0/0',
      },
    ]);
  });

  it('ICMP, GRE and SSH from 10.0.0.0/8 are not sensitive-port exposure', () => {
    const findings = exposure(
      '{"direction": "ingress", "protocol": "icmp", "ipRange": "0.0.0.0/0"}',
      '{"direction": "ingress", "protocol": "gre", "ipRange": "0.0.0.0/0"}',
      `{"direction": "ingress", ${TCP22}, "ipRange": "10.0.0.0/8"}`,
    );
    expect(findings.filter((finding) => finding.check === 'ingress-sensitive-port-world')).toEqual([]);
    expect(findings).toEqual([
      { check: 'ingress-world', severity: 'warning', line: 5, message: 'gre reachable from the world through 0.0.0.0/0' },
    ]);
  });
});
