import { ruleTester } from '../helpers/rule-tester.js';

const nics = (groups: string): string =>
  `{"items": [{"id": "nic-1", "networkId": "net-1", "nicSecurity": true, "securityGroups": ${groups}}]}`;

ruleTester('missing-egress', {
  valid: [
    {
      name: 'rules given as null say nothing about the group, so it is not judged',
      doc: '{"name": "g", "rules": null}',
    },
    {
      name: 'an egress rule whose ethertype cannot be read may be either family',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv5"}
]}`,
    },
    {
      name: 'a rule whose direction cannot be read may be the egress rule',
      doc: `{"name": "g", "rules": [
  {"direction": "outbound"},
  {"direction": "outbound", "ethertype": "IPv6"}
]}`,
    },
    {
      name: 'egress for both families',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv4"},
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
    },
    {
      name: 'narrow egress rules still count',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "protocol": "udp", "portRange": {"min": 53, "max": 53}, "ipRange": "10.0.0.2/32"},
  {"direction": "egress", "ethertype": "IPv6", "protocol": "tcp", "ipRange": "2001:db8::/32"}
]}`,
    },
    {
      name: 'a group whose rules the input does not carry',
      doc: '{"name": "g", "id": "a"}',
    },
    {
      name: 'every NIC of the group gets egress from another group',
      doc: `{"items": [
  {"name": "ingress-only", "id": "a", "rules": [{"direction": "ingress", "remoteSecurityGroupId": "a"}]},
  {"name": "outbound", "id": "b", "rules": [{"direction": "egress"}, {"direction": "egress", "ethertype": "IPv6"}]}
]}`,
      extra: [nics('["a", "b"]')],
    },
    {
      name: 'the IPv6 egress comes from another group on the NIC',
      doc: `{"items": [
  {"name": "v4", "id": "a", "rules": [{"direction": "egress"}]},
  {"name": "v6", "id": "b", "rules": [{"direction": "egress", "ethertype": "IPv6"}]}
]}`,
      extra: [nics('["a", "b"]')],
    },
  ],
  invalid: [
    {
      name: 'no egress rule at all',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}}
]}`,
      errors: [
        {
          line: 1,
          column: 10,
          endColumn: 13,
          severity: 'warning',
          message: 'group "g" has no egress rule: all outbound traffic is blocked',
        },
      ],
    },
    {
      name: 'an empty rule list',
      doc: '{"items": [{"name": "empty", "rules": []}]}',
      errors: [{ line: 1, column: 21, message: 'group "empty" has no egress rule: all outbound traffic is blocked' }],
    },
    {
      name: 'egress for IPv4 only is a note',
      doc: `{"name": "g", "rules": [
  {"direction": "egress"}
]}`,
      errors: [
        {
          line: 1,
          column: 10,
          severity: 'note',
          message: 'group "g" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
        },
      ],
    },
    {
      name: 'egress for IPv6 only is a note',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
      errors: [
        {
          line: 1,
          column: 10,
          severity: 'note',
          message: 'group "g" has egress rules for IPv6 only: outbound IPv4 traffic is blocked',
        },
      ],
    },
    {
      name: 'the only NIC carries no other group',
      doc: '{"items": [{"name": "db", "id": "a", "rules": [{"direction": "ingress", "remoteSecurityGroupId": "a"}]}]}',
      extra: [nics('["a"]')],
      errors: [{ line: 1, column: 21, message: 'group "db" has no egress rule: all outbound traffic is blocked' }],
    },
    {
      name: 'a NIC with security off does not lend its egress',
      doc: `{"items": [
  {"name": "db", "id": "a", "rules": []},
  {"name": "out", "id": "b", "rules": [{"direction": "egress"}, {"direction": "egress", "ethertype": "IPv6"}]}
]}`,
      extra: ['{"items": [{"id": "nic-1", "networkId": "n", "nicSecurity": false, "securityGroups": ["a", "b"]}]}'],
      errors: [{ line: 2, column: 12, message: 'group "db" has no egress rule: all outbound traffic is blocked' }],
    },
  ],
});
