import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('ingress-broad-public-range', {
  valid: [
    {
      name: 'a public /16 is not wider than /16',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "52.28.0.0/16"}
]}`,
    },
    {
      name: 'a private /8',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'shared address space (CGNAT) is not public',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "100.64.0.0/10"}
]}`,
    },
    {
      name: 'the world is not a broad range (the world checks report it)',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 8080, "max": 8080}, "ipRange": "0.0.0.0/0"}
]}`,
    },
    {
      name: 'a partner /29',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "203.0.113.8/29"}
]}`,
    },
    {
      name: 'the IPv6 documentation prefix',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "2001:db8::/32"}
]}`,
    },
    {
      name: 'a broad range listed as trusted',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 5432, "max": 5432}, "ipRange": "52.0.0.0/10"}
]}`,
      shared: { trustedRanges: ['52.0.0.0/8'] },
    },
    {
      name: 'a /10 with the threshold lowered to /8',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 5432, "max": 5432}, "ipRange": "52.0.0.0/10"}
]}`,
      options: { ipv4Prefix: 8 },
    },
    {
      name: 'egress to a broad range',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ipRange": "52.0.0.0/8"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'a public /10',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 5432, "max": 5432}, "ipRange": "52.0.0.0/10"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'warning',
          message: 'tcp/5432 reachable from public ranges wider than /16 through 52.0.0.0/10',
        },
      ],
    },
    {
      name: 'a public /15',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 500, "max": 500}, "ipRange": "52.28.0.0/15"}
]}`,
      errors: [{ line: 2, column: 3, message: 'udp/500 reachable from public ranges wider than /16 through 52.28.0.0/15' }],
    },
    {
      name: 'half of the address space is broad public, not the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/1"}
]}`,
      errors: [{ line: 2, column: 3, message: 'tcp/22 reachable from public ranges wider than /16 through 0.0.0.0/1' }],
    },
    {
      name: '10.0.0.0/7 looks private but also holds the public 11.0.0.0/8',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "10.0.0.0/7"}
]}`,
      errors: [{ line: 2, column: 3, message: 'tcp/22 reachable from public ranges wider than /16 through 10.0.0.0/7' }],
    },
    {
      name: 'every protocol from a public IPv6 /16',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "2a00::/16"}
]}`,
      errors: [
        { line: 2, column: 3, message: 'every protocol reachable from public ranges wider than /32 through 2a00::/16' },
      ],
    },
    {
      name: 'a /20 with the threshold raised to /24',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "52.0.0.0/20"}
]}`,
      options: { ipv4Prefix: 24 },
      errors: [{ line: 2, column: 3, message: 'tcp/443 reachable from public ranges wider than /24 through 52.0.0.0/20' }],
    },
    {
      name: 'two rules for different ports are two findings',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 80, "max": 80}, "ipRange": "52.0.0.0/8"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "52.0.0.0/8"}
]}`,
      errors: [
        { line: 2, column: 3, message: 'tcp/80 reachable from public ranges wider than /16 through 52.0.0.0/8' },
        { line: 3, column: 3, message: 'tcp/443 reachable from public ranges wider than /16 through 52.0.0.0/8' },
      ],
    },
  ],
});
