import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('non-canonical-cidr', {
  valid: [
    {
      name: 'a network address',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'a host route',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.1.2.3/32"}
]}`,
    },
    {
      name: 'an IPv6 network',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "2001:db8:1::/48"}
]}`,
    },
    {
      name: 'the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "0.0.0.0/0"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'host bits in an IPv4 /8',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.1/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 39,
          endColumn: 51,
          severity: 'warning',
          message: 'ipRange "10.0.0.1/8" has host bits set; it means 10.0.0.0/8',
        },
      ],
    },
    {
      name: 'a host address with the prefix of its subnet',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22},
   "ipRange": "192.168.1.77/16"}
]}`,
      errors: [{ line: 3, column: 15, message: 'ipRange "192.168.1.77/16" has host bits set; it means 192.168.0.0/16' }],
    },
    {
      name: 'host bits in an IPv6 /32',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "2001:db8::1/32"}
]}`,
      errors: [{ line: 2, column: 60, message: 'ipRange "2001:db8::1/32" has host bits set; it means 2001:db8::/32' }],
    },
    {
      name: 'host bits in what looks like the world',
      doc: `{"name": "g", "rules": [
  {"direction": "ingress", "ipRange": "1.2.3.4/0"}
]}`,
      errors: [{ line: 2, column: 39, message: 'ipRange "1.2.3.4/0" has host bits set; it means 0.0.0.0/0' }],
    },
  ],
});
