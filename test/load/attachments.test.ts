import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { InputText } from '../../src/load/read.js';

const WEB = '11111111-1111-4111-8111-111111111111';
const SPARE = '22222222-2222-4222-8222-222222222222';
const SERVER = '33333333-3333-4333-8333-333333333333';
const NIC = '44444444-4444-4444-8444-444444444444';
const NIC_OFF = '55555555-5555-4555-8555-555555555555';

function input(path: string, value: unknown): InputText {
  return { path, absolute: undefined, text: `${JSON.stringify(value, null, 2)}\n`, fromDirectory: false };
}

const everyEgress = [
  { direction: 'egress', ethertype: 'IPv4' },
  { direction: 'egress', ethertype: 'IPv6' },
];
const groups = input('groups.json', {
  items: [
    { id: WEB, name: 'web', rules: everyEgress },
    { id: SPARE, name: 'spare', rules: everyEgress },
  ],
});
const nicList = [
  { id: NIC, name: 'web-nic', device: SERVER, nicSecurity: true, securityGroups: [WEB] },
  { id: NIC_OFF, name: 'raw-nic', device: SERVER, nicSecurity: false, securityGroups: [] },
];
const servers = [
  {
    id: SERVER,
    name: 'web-1',
    machineType: 'g1.1',
    nics: [
      {
        nicId: NIC,
        networkId: 'n',
        networkName: 'net',
        mac: 'fa:16:3e:00:00:01',
        nicSecurity: true,
        securityGroups: [WEB],
      },
      { nicId: NIC_OFF, networkId: 'n', networkName: 'net', mac: 'fa:16:3e:00:00:02', nicSecurity: false },
    ],
  },
];

function located(texts: InputText[]): string[] {
  return lintTexts(texts).findings.map(
    (finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column} ${finding.message}`,
  );
}

describe('NIC and server lists beside the groups', () => {
  it('runs no attachment check without NIC data', () => {
    expect(located([groups])).toEqual([]);
  });

  it.each([
    ['an API NIC list {"items":[nic…]}', input('nics.json', { items: nicList }), 'nics.json:16:22'],
    [
      'a bare NIC array (stackit network-interface list -o json)',
      input('nics.json', nicList),
      'nics.json:15:20',
    ],
  ])('enables unused-group and nic-security-disabled with %s', (_name, nics, offAt) => {
    expect(located([groups, nics, input('servers.json', servers)])).toEqual([
      'unused-group groups.json:19:15 group "spare" is attached to no network interface',
      `nic-security-disabled ${offAt} nicSecurity is off on "raw-nic" of server "web-1": no security group filters its traffic`,
    ]);
  });

  it('takes the NICs from a detailed server list alone (stackit server list -o json)', () => {
    // The second server NIC does not list its groups, so no group can be called unused.
    expect(located([groups, input('servers.json', servers)])).toEqual([
      `nic-security-disabled servers.json:22:24 nicSecurity is off on "${NIC_OFF}" of server "web-1": ` +
        'no security group filters its traffic',
    ]);
  });

  it('reads a NIC named by both lists once, preferring the NIC list', () => {
    const result = lintTexts([groups, input('servers.json', servers), input('nics.json', nicList)]);
    expect(
      result.model.nics.map((nic) => [nic.name, nic.serverName, result.model.files[nic.source.file]?.path]),
    ).toEqual([
      ['web-nic', 'web-1', 'nics.json'],
      ['raw-nic', 'web-1', 'nics.json'],
    ]);
  });

  it('does not call a group unused when a NIC does not list its groups', () => {
    const unknownGroups = [{ id: NIC, name: 'web-nic', device: SERVER, nicSecurity: true }];
    expect(located([groups, input('nics.json', unknownGroups)])).toEqual([]);
  });
});
