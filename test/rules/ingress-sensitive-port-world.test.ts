import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('ingress-sensitive-port-world', {
  valid: [
    {
      name: 'SSH from a private range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'ICMP from the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "icmp", "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'GRE from the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": {"name": "gre", "number": 47}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'HTTPS from the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'SSH from members of a remote group',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "remoteSecurityGroupId": "b"}
]}`,
    },
    {
      name: 'SSH from half of the address space is not the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/1"}
]}`,
    },
    {
      name: 'SSH to the world on egress',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'udp/22 is not SSH',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'a protocol-less world rule belongs to ingress-all-ports-world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'every tcp port from the world belongs to ingress-all-ports-world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 1, "max": 65535}, "ipRange": "::/0", "ethertype": "IPv6"}
]}`,
    },
    {
      name: 'an invalid rule is not judged as traffic',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 30, "max": 20}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'SSH from the world when SSH is not in the sensitive list',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`,
      shared: { sensitivePorts: [{ protocol: 'tcp', from: 3389, to: 3389, service: 'RDP' }] },
    },
  ],
  invalid: [
    {
      name: 'SSH from an IPv4-mapped address written with prefix /0, which means ::/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp",
   "portRange": {"min": 22, "max": 22}, "ipRange": "::ffff:0:0/0"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 3,
          endColumn: 67,
          severity: 'error',
          message: 'tcp/22 (SSH) reachable from the world through ::/0',
        },
      ],
    },
    {
      name: 'SSH from the world written with leading zeros, which mean the world in octal too',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "000.000.000.000/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'tcp/22 (SSH) reachable from the world through 0.0.0.0/0' }],
    },
    {
      name: 'SSH from a rule with no ipRange and no remote group',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 83,
          severity: 'error',
          message: 'tcp/22 (SSH) reachable from the world through every address (no ipRange)',
        },
      ],
    },
    {
      name: 'RDP from ::/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp",
   "portRange": {"min": 3389, "max": 3389}, "ipRange": "::/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'tcp/3389 (RDP) reachable from the world through ::/0' }],
    },
    {
      name: 'protocol number 6 with a range that contains three sensitive services',
      doc: `{"name": "g", "rules": [
  {"direction": "egress"},
  {"direction": "ingress", "protocol": 6, "portRange": {"min": 20, "max": 30}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        {
          line: 3,
          column: 3,
          message: 'tcp/20-21 (FTP), tcp/22 (SSH), tcp/23 (Telnet) reachable from the world through 0.0.0.0/0',
        },
      ],
    },
    {
      name: 'two halves of the address space together open SSH to the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/1"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "128.0.0.0/1"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          related: 1,
          message: 'tcp/22 (SSH) reachable from the world through the union of 2 rules (0.0.0.0/1, 128.0.0.0/1)',
        },
      ],
    },
    {
      name: 'each world-open database rule is reported at its own rule',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 5432, "max": 5432}, "ipRange": "0.0.0.0/0"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 3306, "max": 3306}}
]}`,
      errors: [
        { line: 2, column: 3, message: 'tcp/5432 (PostgreSQL) reachable from the world through 0.0.0.0/0' },
        { line: 3, column: 3, message: 'tcp/3306 (MySQL) reachable from the world through every address (no ipRange)' },
      ],
    },
    {
      name: 'a custom sensitive port',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8443, "max": 8443}, "ipRange": "0.0.0.0/0"}
]}`,
      shared: { sensitivePorts: [{ protocol: 'tcp', from: 8443, to: 8443, service: 'admin UI' }] },
      errors: [{ line: 2, column: 3, message: 'tcp/8443 (admin UI) reachable from the world through 0.0.0.0/0' }],
    },
    {
      name: 'a udp sensitive port in a group list',
      doc: `{"items": [{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 161, "max": 161}, "ipRange": "0.0.0.0/0"}
]}]}`,
      errors: [{ line: 2, column: 3, message: 'udp/161 (SNMP) reachable from the world through 0.0.0.0/0' }],
    },
  ],
});
