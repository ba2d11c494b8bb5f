import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { InputText } from '../../src/load/read.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function input(path: string, value: unknown): InputText {
  return { path, absolute: undefined, text: `${JSON.stringify(value, null, 2)}\n`, fromDirectory: false };
}

const egress = [
  { direction: 'egress', ethertype: 'IPv4' },
  { direction: 'egress', ethertype: 'IPv6' },
];
function tcp(ports: [number, number], ipRange: string, ethertype = 'IPv4') {
  return {
    direction: 'ingress',
    ethertype,
    protocol: { name: 'tcp' },
    portRange: { min: ports[0], max: ports[1] },
    ipRange,
  };
}
function groups(a: unknown[], b: unknown[]): InputText {
  return input('groups.json', [
    { id: A, name: 'lower', rules: [...egress, ...a] },
    { id: B, name: 'upper', rules: [...egress, ...b] },
  ]);
}
function nics(nic: Record<string, unknown>): InputText {
  return input('nics.json', [
    { id: 'nic-1', name: 'app-nic', device: 'srv-1', nicSecurity: true, securityGroups: [A, B], ...nic },
  ]);
}

function exposure(texts: InputText[]): string[] {
  return lintTexts(texts)
    .findings.filter((finding) => finding.check.startsWith('ingress-'))
    .map((finding) => {
      const related = finding.related.map((entry) => `${entry.file}:${entry.line}`).join(' ');
      return `${finding.check} ${finding.file}:${finding.line}:${finding.column} ${finding.message} [${related}]`;
    });
}

describe('exposure of the union of the groups on one NIC', () => {
  it('reports a port only the union opens to the world on the NIC, naming server and groups', () => {
    const texts = [groups([tcp([22, 22], '0.0.0.0/1')], [tcp([22, 22], '128.0.0.0/1')]), nics({})];
    expect(exposure(texts)).toEqual([
      'ingress-broad-public-range groups.json:14:7 tcp/22 reachable from public ranges wider than /16 through 0.0.0.0/1 []',
      'ingress-broad-public-range groups.json:40:7 tcp/22 reachable from public ranges wider than /16 through 128.0.0.0/1 []',
      'ingress-sensitive-port-world nics.json:2:3 tcp/22 (SSH) reachable from the world on NIC "app-nic" of server ' +
        '"srv-1" through the union of groups "lower", "upper" [groups.json:14 groups.json:40]',
    ]);
  });

  it('reports a non-sensitive port only the union opens as ingress-world on the NIC', () => {
    const texts = [groups([tcp([8080, 8080], '0.0.0.0/1')], [tcp([8080, 8080], '128.0.0.0/1')]), nics({})];
    expect(exposure(texts).filter((line) => !line.startsWith('ingress-broad-public-range'))).toEqual([
      'ingress-world nics.json:2:3 tcp/8080 reachable from the world on NIC "app-nic" of server ' +
        '"srv-1" through the union of groups "lower", "upper" [groups.json:14 groups.json:40]',
    ]);
  });

  it('reports every port of a protocol opened by the union as ingress-all-ports-world', () => {
    const texts = [
      groups([tcp([1, 65535], '::/1', 'IPv6')], [tcp([1, 65535], '8000::/1', 'IPv6')]),
      nics({}),
    ];
    expect(exposure(texts).filter((line) => line.includes('nics.json'))).toEqual([
      'ingress-all-ports-world nics.json:2:3 every tcp port reachable from the world on NIC "app-nic" of server ' +
        '"srv-1" through the union of groups "lower", "upper" [groups.json:14 groups.json:40]',
    ]);
  });

  it('leaves to the group what one group opens alone', () => {
    const texts = [groups([tcp([22, 22], '0.0.0.0/0')], [tcp([22, 22], '128.0.0.0/1')]), nics({})];
    expect(exposure(texts).map((line) => line.split(' ').slice(0, 2).join(' '))).toEqual([
      'ingress-sensitive-port-world groups.json:14:7',
      'ingress-broad-public-range groups.json:40:7',
    ]);
  });

  it.each([
    ['security off', { nicSecurity: false }],
    ['groups unknown', { securityGroups: undefined }],
    ['one group', { securityGroups: [A] }],
  ])('stays silent for a NIC with %s', (_name, nic) => {
    const texts = [groups([tcp([22, 22], '0.0.0.0/1')], [tcp([22, 22], '128.0.0.0/1')]), nics(nic)];
    expect(exposure(texts).filter((line) => line.includes('nics.json'))).toEqual([]);
  });
});
