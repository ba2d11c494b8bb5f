import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('ingress-all-ports-world', {
  valid: [
    {
      name: 'the default group: only members of the group itself',
      doc: `{"name": "default", "id": "d", "rules": [
  {"direction": "ingress", "remoteSecurityGroupId": "d"},
  {"direction": "ingress", "ethertype": "IPv6", "remoteSecurityGroupId": "d"},
  {"direction": "egress"},
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
    },
    {
      name: 'the low tcp ports only',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 1, "max": 1024}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'every protocol from a private range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'every tcp port from half of the address space',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "ipRange": "128.0.0.0/1"}
]}`,
    },
    {
      name: 'every protocol to the world on egress',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'every ICMP type from the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "icmp", "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'a single sensitive port belongs to ingress-sensitive-port-world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'a protocol-less rule from 0.0.0.0/0',
      doc: `{"name": "g", "rules": [
  {"direction": "egress"},
  {"direction": "ingress", "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        {
          line: 3,
          column: 3,
          severity: 'error',
          message: 'every protocol and port reachable from the world through 0.0.0.0/0',
        },
      ],
    },
    {
      name: 'a rule with nothing but a direction',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 27,
          message: 'every protocol and port reachable from the world through every address (no ipRange)',
        },
      ],
    },
    {
      name: 'tcp without a port range from ::/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", "ipRange": "::/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'every tcp port reachable from the world through ::/0' }],
    },
    {
      name: 'udp 0-65535 is every udp port',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 0, "max": 65535}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'every udp port reachable from the world through 0.0.0.0/0' }],
    },
    {
      name: 'two port ranges that together cover every tcp port',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 1, "max": 32767}, "ipRange": "0.0.0.0/0"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 32768, "max": 65535}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          related: 1,
          message: 'every tcp port reachable from the world through the union of 2 rules (0.0.0.0/0)',
        },
      ],
    },
    {
      name: 'tcp and udp opened by separate rules are two findings',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "ipRange": "0.0.0.0/0"},
  {"direction": "ingress", "protocol": 17, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        { line: 2, column: 3, message: 'every tcp port reachable from the world through 0.0.0.0/0' },
        { line: 3, column: 3, message: 'every udp port reachable from the world through 0.0.0.0/0' },
      ],
    },
  ],
});
