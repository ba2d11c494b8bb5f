import { ruleTester } from '../helpers/rule-tester.js';

const defaultGroup = `{"items": [{"name": "default", "id": "d", "stateful": true, "rules": [
  {"direction": "ingress", "ethertype": "IPv4", "remoteSecurityGroupId": "d"},
  {"direction": "ingress", "ethertype": "IPv6", "remoteSecurityGroupId": "d"},
  {"direction": "egress", "ethertype": "IPv4"},
  {"direction": "egress", "ethertype": "IPv6"}
]}]}`;

ruleTester('ingress-world', {
  valid: [
    { name: 'the default group of a new project', doc: defaultGroup },
    {
      name: 'the icmp-allow group: ICMP from 0.0.0.0/0',
      doc: `{"name": "icmp-allow", "rules": [
  {"direction": "ingress", "ethertype": "IPv4", "ipRange": "0.0.0.0/0", "protocol": {"name": "icmp", "number": 1}}
]}`,
    },
    {
      name: 'web ports from the world: tcp 80, tcp 443 and udp 443',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 80, "max": 80}, "ipRange": "0.0.0.0/0"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "0.0.0.0/0"},
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 443, "max": 443}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'ICMPv6 from ::/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "ipv6-icmp", "ipRange": "::/0"}
]}`,
    },
    {
      name: 'a high port from a private range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8080, "max": 8080}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'SSH from the world belongs to ingress-sensitive-port-world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'every protocol from the world belongs to ingress-all-ports-world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'a port added to allowPorts',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8080, "max": 8080}, "ipRange": "0.0.0.0/0"}
]}`,
      options: { allowPorts: [{ protocol: 'tcp', port: 8080 }] },
    },
  ],
  invalid: [
    {
      name: 'tcp/8080 from 0.0.0.0/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8080, "max": 8080}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        { line: 2, column: 3, severity: 'warning', message: 'tcp/8080 reachable from the world through 0.0.0.0/0' },
      ],
    },
    {
      name: 'GRE from the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": {"name": "gre", "number": 47}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [{ line: 2, column: 3, message: 'gre reachable from the world through 0.0.0.0/0' }],
    },
    {
      name: 'a range around 443 is reported without 443 and without the sensitive 445',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 440, "max": 450}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        { line: 2, column: 3, message: 'tcp/440-442, tcp/444, tcp/446-450 reachable from the world through 0.0.0.0/0' },
      ],
    },
    {
      name: 'udp/53 from a rule with no ipRange',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "udp", "portRange": {"min": 53, "max": 53}}
]}`,
      errors: [{ line: 2, column: 3, message: 'udp/53 reachable from the world through every address (no ipRange)' }],
    },
    {
      name: 'ICMP when allowPorts is emptied',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "icmp", "ipRange": "0.0.0.0/0"}
]}`,
      options: { allowPorts: [] },
      errors: [{ line: 2, column: 3, message: 'icmp reachable from the world through 0.0.0.0/0' }],
    },
    {
      name: 'the web ports of the default allow list are reported when the list names only 443',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 80, "max": 80}, "ipRange": "0.0.0.0/0"}
]}`,
      options: { allowPorts: [{ protocol: 'tcp', port: '443' }] },
      errors: [{ line: 2, column: 3, message: 'tcp/80 reachable from the world through 0.0.0.0/0' }],
    },
  ],
});
