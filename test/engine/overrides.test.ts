import { describe, expect, it } from 'vitest';
import { lintTexts, type LintOptions } from '../../src/engine/lint.js';
import { SettingsError } from '../../src/engine/settings.js';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';

const text = exportText([
  group({ name: 'web-a', rules: [tcpIn(22), tcpIn(8080), ...allEgress()] }),
  group({ name: 'web-b', rules: [tcpIn(22), tcpIn(8080), ...allEgress()] }),
  group({ name: 'db', rules: [tcpIn(22), tcpIn(8080), ...allEgress()] }),
]);

function rows(options: LintOptions): string[] {
  return lintTexts([{ path: 'sg.json', text }], options).findings.map(
    (finding) => `${finding.securityGroup?.name} ${finding.check} ${finding.severity}`,
  );
}

describe('per-group overrides', () => {
  it('turns a check off for the groups whose name matches', () => {
    expect(
      rows({ overrides: [{ groups: ['web-*'], checks: { 'ingress-world': { severity: 'off' } } }] }),
    ).toEqual([
      'web-a ingress-sensitive-port-world error',
      'web-b ingress-sensitive-port-world error',
      'db ingress-sensitive-port-world error',
      'db ingress-world warning',
    ]);
  });

  it('changes severity, later overrides winning', () => {
    const result = rows({
      overrides: [
        { groups: ['web-*'], checks: { 'ingress-world': { severity: 'error' } } },
        { groups: ['web-b'], checks: { 'ingress-world': { severity: 'note' } } },
      ],
    });
    expect(result.filter((row) => row.includes('ingress-world'))).toEqual([
      'web-a ingress-world error',
      'web-b ingress-world note',
      'db ingress-world warning',
    ]);
  });

  it('runs a check with other options for matching groups only', () => {
    const allow8080 = { allowPorts: [{ protocol: 'tcp', port: 8080 }] };
    const result = rows({
      overrides: [{ groups: ['db'], checks: { 'ingress-world': { options: allow8080 } } }],
    });
    expect(result.filter((row) => row.includes('ingress-world'))).toEqual([
      'web-a ingress-world warning',
      'web-b ingress-world warning',
    ]);
  });

  it('can enable a check that is off at the top level for some groups', () => {
    const result = rows({
      checks: { 'ingress-world': { severity: 'off' } },
      overrides: [{ groups: ['web-a'], checks: { 'ingress-world': { severity: 'warning' } } }],
    });
    expect(result.filter((row) => row.includes('ingress-world'))).toEqual(['web-a ingress-world warning']);
  });

  it('names the key of an unknown check or bad options', () => {
    expect(() =>
      rows({
        overrides: [{ groups: ['x'], checks: { nope: { severity: 'off' } } }],
        settingsSource: 'c.json',
      }),
    ).toThrow(SettingsError);
    expect(() =>
      rows({
        overrides: [{ groups: ['x'], checks: { nope: { severity: 'off' } } }],
        settingsSource: 'c.json',
      }),
    ).toThrow(
      /^c\.json: overrides\[0\]\.checks\.nope: unknown check; known checks: ingress-sensitive-port-world, /,
    );
    expect(() =>
      rows({
        overrides: [{ groups: ['x'], checks: { 'ingress-world': { options: { allowPorts: 'all' } } } }],
        settingsSource: 'c.json',
      }),
    ).toThrow(/^c\.json: overrides\[0\]\.checks\.ingress-world\.options\.allowPorts: /);
  });
});
