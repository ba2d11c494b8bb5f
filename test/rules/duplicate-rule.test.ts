import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('duplicate-rule', {
  valid: [
    {
      name: 'the same port from different ranges',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "192.168.0.0/16"}
]}`,
    },
    {
      name: 'the same rule in both directions',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'the same rule for IPv4 and IPv6',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv4"},
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
    },
    {
      name: 'tcp and udp on the same port',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 53, "max": 53}},
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 53, "max": 53}}
]}`,
    },
    {
      name: 'a rule contained in another is redundant, not a duplicate',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.1.0.0/16"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'the same rule in two groups',
      doc: `{"items": [
  {"name": "a", "rules": [{"direction": "egress"}]},
  {"name": "b", "rules": [{"direction": "egress"}]}
]}`,
    },
  ],
  invalid: [
    {
      name: 'two identical rules without ids',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}}
]}`,
      errors: [
        { line: 3, column: 3, related: 1, severity: 'warning', message: 'duplicates rule #1: both match the same traffic' },
      ],
    },
    {
      name: 'the message names the first rule by its id',
      doc: `{"name": "g", "rules": [
  {"id": "r-1", "direction": "egress"},
  {"id": "r-2", "direction": "egress", "description": "allow all outbound"}
]}`,
      errors: [{ line: 3, column: 3, message: 'duplicates rule r-1: both match the same traffic' }],
    },
    {
      name: 'protocol by name and by number',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": {"name": "tcp", "number": 6}, "portRange": {"min": 22, "max": 22}},
  {"direction": "ingress", "protocol": 6, "portRange": {"min": 22, "max": 22}}
]}`,
      errors: [{ line: 3, column: 3, message: 'duplicates rule #1: both match the same traffic' }],
    },
    {
      name: 'a range with host bits and its network',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"},
  {"direction": "ingress", "ipRange": "10.0.0.1/8"}
]}`,
      errors: [{ line: 3, column: 3, message: 'duplicates rule #1: both match the same traffic' }],
    },
    {
      name: 'port range 1-65535 and no port range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "udp", "ipRange": "10.0.0.0/8"},
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 1, "max": 65535}, "ipRange": "10.0.0.0/8"}
]}`,
      errors: [{ line: 3, column: 3, message: 'duplicates rule #1: both match the same traffic' }],
    },
    {
      name: 'three copies give two findings, both against the first',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv6"},
  {"direction": "egress", "ethertype": "IPv6"},
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
      errors: [
        { line: 3, column: 3, message: 'duplicates rule #1: both match the same traffic' },
        { line: 4, column: 3, message: 'duplicates rule #1: both match the same traffic' },
      ],
    },
  ],
});
