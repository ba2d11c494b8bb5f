import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('ethertype-mismatch', {
  valid: [
    {
      name: 'IPv6 rule with an IPv6 range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "::/0"}
]}`,
    },
    {
      name: 'no ethertype means IPv4',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'IPv6 rule with no range',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv6"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'ICMP of the other family, which no packet of the rule family carries',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "ipv6-icmp"},
  {"direction": "ingress", "ethertype": "IPv6", "protocol": {"name": "icmp", "number": 1}}
]}`,
      errors: [
        {
          line: 2,
          column: 40,
          message: 'protocol ipv6-icmp is IPv6 only, but ethertype is IPv4; the rule matches no traffic',
        },
        {
          line: 3,
          column: 61,
          message: 'protocol icmp is IPv4 only, but ethertype is IPv6; the rule matches no traffic',
        },
      ],
    },
    {
      name: 'IPv4 rule with an IPv6 range',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv4", "ipRange": "fd00::/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 60,
          endColumn: 70,
          severity: 'error',
          message: 'ipRange "fd00::/8" is IPv6 but ethertype is IPv4',
        },
      ],
    },
    {
      name: 'no ethertype (IPv4) with ::/0',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "::/0"}
]}`,
      errors: [{ line: 2, column: 39, message: 'ipRange "::/0" is IPv6 but ethertype is IPv4' }],
    },
    {
      name: 'IPv6 rule with an IPv4 range',
      doc: `{"name": "g", "rules": [
  {"direction": "egress", "ethertype": "IPv6",
   "ipRange": "10.0.0.0/8"}
]}`,
      errors: [{ line: 3, column: 15, message: 'ipRange "10.0.0.0/8" is IPv4 but ethertype is IPv6' }],
    },
  ],
});
