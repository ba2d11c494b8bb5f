import { describe, expect, it } from 'vitest';
import { gitlabReporter } from '../../src/report/gitlab.js';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';
import { reportData } from './report-data.js';

const options = { color: false, quiet: false };

const text = exportText([
  group({
    name: 'web',
    rules: [tcpIn(22), tcpIn(8080), tcpIn(8080), { direction: 'egress', ethertype: 'IPv4' }],
  }),
  group({
    name: 'db',
    labels: { 'sglint-disable': 'ingress-sensitive-port-world' },
    rules: [tcpIn(5432), ...allEgress()],
  }),
]);

describe('gitlab code quality', () => {
  it('writes description, check_name, fingerprint, mapped severity and location for each counted finding', () => {
    const report = JSON.parse(gitlabReporter(reportData(text), options));
    expect(report).toEqual([
      {
        description: '[web] group "web" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
        check_name: 'missing-egress',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'minor',
        location: { path: 'sg.json', lines: { begin: 6, end: 6 } },
      },
      {
        description: '[web] tcp/22 (SSH) reachable from the world through 0.0.0.0/0',
        check_name: 'ingress-sensitive-port-world',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'critical',
        location: { path: 'sg.json', lines: { begin: 8, end: 20 } },
      },
      {
        description: '[web] tcp/8080 reachable from the world through 0.0.0.0/0',
        check_name: 'ingress-world',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'major',
        location: { path: 'sg.json', lines: { begin: 21, end: 33 } },
      },
      {
        description: '[web] duplicates rule #2: both match the same traffic',
        check_name: 'duplicate-rule',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        severity: 'major',
        location: { path: 'sg.json', lines: { begin: 34, end: 46 } },
      },
    ]);
    const fingerprints = report.map((entry: { fingerprint: string }) => entry.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  it('adds suppressed findings as info only with --report-suppressed', () => {
    const report = JSON.parse(gitlabReporter(reportData(text, true), options));
    expect(report).toHaveLength(5);
    expect(report.at(-1)).toMatchObject({
      check_name: 'ingress-sensitive-port-world',
      severity: 'info',
      description:
        '[db] tcp/5432 (PostgreSQL) reachable from the world through 0.0.0.0/0 ' +
        '(suppressed: group label sglint-disable=ingress-sensitive-port-world)',
    });
  });

  it('writes an empty array for a clean run and keeps errors only under --quiet', () => {
    const clean = exportText([group({ name: 'ok', rules: allEgress() })]);
    expect(gitlabReporter(reportData(clean), options)).toBe('[]\n');
    const quiet = JSON.parse(gitlabReporter(reportData(text), { color: false, quiet: true }));
    expect(quiet.map((entry: { check_name: string }) => entry.check_name)).toEqual([
      'ingress-sensitive-port-world',
    ]);
  });
});
