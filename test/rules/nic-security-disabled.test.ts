import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('nic-security-disabled', {
  valid: [
    {
      name: 'security on',
      doc: '{"items": [{"id": "nic-1", "networkId": "net-1", "nicSecurity": true, "securityGroups": ["w"]}]}',
    },
    {
      name: 'security not given is on (the API default)',
      doc: '{"items": [{"id": "nic-1", "networkId": "net-1", "securityGroups": []}]}',
    },
    {
      name: 'a group list has no NICs',
      doc: '{"items": [{"name": "web", "rules": []}]}',
    },
  ],
  invalid: [
    {
      name: 'security off on a named NIC of a server',
      doc: `{"items": [
  {"id": "nic-1", "name": "vpn-eth0", "device": "srv-1", "networkId": "net-1",
   "nicSecurity": false, "securityGroups": []}
]}`,
      errors: [
        {
          line: 3,
          column: 19,
          endColumn: 24,
          severity: 'warning',
          message: 'nicSecurity is off on "vpn-eth0" of server "srv-1": no security group filters its traffic',
        },
      ],
    },
    {
      name: 'the server name comes from a server list',
      doc: '[{"id": "nic-1", "device": "srv-1", "networkId": "net-1", "nicSecurity": false}]',
      extra: ['{"items": [{"id": "srv-1", "name": "vpn-gateway", "machineType": "c1.2"}]}'],
      errors: [
        {
          line: 1,
          column: 74,
          message: 'nicSecurity is off on "nic-1" of server "vpn-gateway": no security group filters its traffic',
        },
      ],
    },
    {
      name: 'the server list may come before the NIC list',
      doc: '{"items": [{"id": "srv-1", "name": "vpn-gateway", "machineType": "c1.2"}]}',
      extra: ['[{"id": "nic-1", "device": "srv-1", "networkId": "net-1", "nicSecurity": false}]'],
      errors: [
        {
          file: 'extra-1.json',
          line: 1,
          column: 74,
          message: 'nicSecurity is off on "nic-1" of server "vpn-gateway": no security group filters its traffic',
        },
      ],
    },
    {
      name: 'a NIC with neither name nor id',
      doc: '{"networkId": "net-1", "nicSecurity": false}',
      errors: [
        { line: 1, column: 39, message: 'nicSecurity is off on "network interface": no security group filters its traffic' },
      ],
    },
    {
      name: 'NIC data next to the groups it refers to',
      doc: '{"items": [{"name": "web", "id": "w", "rules": []}]}',
      extra: ['{"items": [{"id": "nic-9", "networkId": "n", "nicSecurity": false, "securityGroups": ["w"]}]}'],
      errors: [
        {
          file: 'extra-1.json',
          line: 1,
          column: 61,
          message: 'nicSecurity is off on "nic-9": no security group filters its traffic',
        },
      ],
    },
  ],
});
