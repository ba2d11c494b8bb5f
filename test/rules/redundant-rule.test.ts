import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('redundant-rule', {
  valid: [
    {
      name: 'overlapping port ranges, neither covered',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 20, "max": 80}, "ipRange": "10.0.0.0/8"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 50, "max": 100}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'two halves of the address space',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "0.0.0.0/1"},
  {"direction": "ingress", "ipRange": "128.0.0.0/1"}
]}`,
    },
    {
      name: 'a remote group against a private range cannot be decided',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "remoteSecurityGroupId": "b"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'identical rules are duplicate-rule findings, not redundant ones',
      doc: `{"name": "g", "rules": [
  {"direction": "egress"},
  {"direction": "egress"}
]}`,
    },
    {
      name: 'an egress rule is not covered by an ingress rule',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress"},
  {"direction": "egress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'an IPv6 rule is not covered by an IPv4 rule',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv4"},
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "2001:db8::/32"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'a /16 inside a /8 on the same port',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.1.0.0/16"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        { line: 2, column: 3, related: 1, severity: 'warning', message: 'is covered by rule #2; it allows nothing more' },
      ],
    },
    {
      name: 'a rule covered by the union of two others',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 20, "max": 30}, "ipRange": "10.0.0.0/9"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 20, "max": 30}, "ipRange": "10.128.0.0/9"},
  {"id": "wide", "direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        {
          line: 4,
          column: 3,
          related: 2,
          message: 'is covered by the union of 2 rules (#1, #2); it allows nothing more',
        },
      ],
    },
    {
      name: 'a port range that straddles two adjacent ranges',
      doc: `{"name": "g", "rules": [
  {"id": "low", "direction": "ingress", "protocol": "tcp", "portRange": {"min": 8000, "max": 8100}},
  {"id": "high", "direction": "ingress", "protocol": "tcp", "portRange": {"min": 8101, "max": 8200}},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8090, "max": 8110}}
]}`,
      errors: [{ line: 4, column: 3, message: 'is covered by the union of 2 rules (low, high); it allows nothing more' }],
    },
    {
      name: 'members of a remote group are covered by 0.0.0.0/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "remoteSecurityGroupId": "b"},
  {"id": "world", "direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'is covered by rule world; it allows nothing more' }],
    },
    {
      name: 'echo request covered by every ICMP type',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "icmp", "icmpParameters": {"type": 8, "code": 0}, "ipRange": "10.0.0.0/8"},
  {"direction": "ingress", "protocol": "icmp", "ipRange": "10.0.0.0/8"}
]}`,
      errors: [{ line: 2, column: 3, message: 'is covered by rule #2; it allows nothing more' }],
    },
    {
      name: 'an egress rule to a subnet covered by egress to everything',
      doc: `{"name": "g", "rules": [
  {"direction": "egress"},
  {"direction": "egress", "protocol": "udp", "portRange": {"min": 53, "max": 53}, "ipRange": "10.0.0.2/32"}
]}`,
      errors: [{ line: 3, column: 3, message: 'is covered by rule #1; it allows nothing more' }],
    },
  ],
});
