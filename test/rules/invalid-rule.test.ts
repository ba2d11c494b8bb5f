import { ruleTester } from '../helpers/rule-tester.js';

/** A group document around rule lines (each rule starts on line 2 or later, column 3). */
const group = (...rules: string[]): string => `{"name": "g", "rules": [\n${rules.join(',\n')}\n]}`;

ruleTester('invalid-rule', {
  valid: [
    {
      name: 'well-formed rules of every kind',
      doc: group(
        '  {"direction": "ingress", "protocol": {"name": "tcp", "number": 6}, "portRange": {"min": 22, "max": 22}}',
        '  {"direction": "ingress", "protocol": 47, "ipRange": "10.0.0.0/8"}',
        '  {"direction": "ingress", "protocol": "icmp", "icmpParameters": {"type": 8, "code": 0}}',
        '  {"direction": "ingress", "ethertype": "IPv6", "protocol": "ipv6-icmp", "icmpParameters": {"type": 128, "code": 0}}',
        '  {"direction": "egress", "ethertype": "IPv6", "ipRange": "::/0"}',
        '  {"direction": "ingress", "remoteSecurityGroupId": "b"}',
      ),
    },
    {
      name: 'null fields and extra keys as the API prints them',
      doc: group(
        '  {"direction": "egress", "ipRange": null, "portRange": null, "createdAt": "2024-01-01T00:00:00Z"}',
      ),
    },
    {
      name: 'an IPv4-mapped address with a prefix below /96 is a range outside the mapped block',
      doc: group(
        '  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "::ffff:0:0/0"}',
        '  {"direction": "ingress", "ethertype": "IPv6", "ipRange": "::ffff:10.0.0.0/95"}',
      ),
    },
    {
      name: 'port range 1-65535, which the API keeps as every port',
      doc: group('  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 1, "max": 65535}}'),
    },
  ],
  invalid: [
    {
      name: 'an empty remote group id (the API refuses it; it is not read as every address)',
      doc: group('  {"direction": "ingress", "remoteSecurityGroupId": ""}'),
      errors: [{ line: 2, column: 53, message: 'remoteSecurityGroupId is empty; expected a security group id' }],
    },
    {
      name: 'a rule without a direction points at the rule',
      doc: group('  {"protocol": "tcp", "ipRange": "10.0.0.0/8"}'),
      errors: [
        { line: 2, column: 3, severity: 'error', message: 'direction is missing; expected "ingress" or "egress"' },
      ],
    },
    {
      name: 'an unknown direction',
      doc: group('  {"protocol": "tcp",\n   "direction": "inbound"}'),
      errors: [{ line: 3, column: 17, message: 'direction is "inbound"; expected "ingress" or "egress"' }],
    },
    {
      name: 'min greater than max',
      doc: group('  {"direction": "ingress", "protocol": "tcp",\n   "portRange": {"min": 30, "max": 20}}'),
      errors: [{ line: 3, column: 17, endColumn: 39, message: 'portRange min 30 is greater than max 20' }],
    },
    {
      name: 'port 70000',
      doc: group('  {"direction": "ingress", "protocol": "tcp",\n   "portRange": {"min": 8000, "max": 70000}}'),
      errors: [{ line: 3, column: 38, message: 'portRange.max is 70000; expected an integer from 0 to 65535' }],
    },
    {
      name: 'an unknown protocol name',
      doc: group('  {"direction": "ingress",\n   "protocol": "tpc"}'),
      errors: [{ line: 3, column: 16, message: /^protocol name "tpc" is unknown; expected one of icmp, igmp, ipip, tcp, / }],
    },
    {
      name: 'an upper-case protocol name',
      doc: group('  {"direction": "ingress",\n   "protocol": {"name": "TCP"}}'),
      errors: [{ line: 3, column: 25, message: 'protocol name "TCP" must be lower-case ("tcp")' }],
    },
    {
      name: 'a protocol name and number that disagree',
      doc: group('  {"direction": "ingress",\n   "protocol": {"name": "tcp", "number": 17}}'),
      errors: [{ line: 3, column: 16, message: 'protocol name "tcp" is protocol 6, but number is 17' }],
    },
    {
      name: 'a protocol number out of range',
      doc: group('  {"direction": "ingress",\n   "protocol": 300}'),
      errors: [
        {
          line: 3,
          column: 16,
          message: 'protocol is 300; expected an object {name, number}, a protocol name or a number 0-255',
        },
      ],
    },
    {
      name: 'ports on icmp',
      doc: group('  {"direction": "ingress", "protocol": "icmp",\n   "portRange": {"min": 8, "max": 8}}'),
      errors: [
        {
          line: 3,
          column: 17,
          message: 'portRange is set on icmp, which has no ports; ports need tcp, udp, sctp, dccp or udplite',
        },
      ],
    },
    {
      name: 'ports without a protocol',
      doc: group('  {"direction": "ingress",\n   "portRange": {"min": 22, "max": 22}}'),
      errors: [
        {
          line: 3,
          column: 17,
          message: 'portRange is set on every protocol, which has no ports; ports need tcp, udp, sctp, dccp or udplite',
        },
      ],
    },
    {
      name: 'ICMP parameters on tcp',
      doc: group('  {"direction": "ingress", "protocol": "tcp",\n   "icmpParameters": {"type": 8, "code": 0}}'),
      errors: [{ line: 3, column: 22, message: 'icmpParameters is set on tcp; it needs icmp or ipv6-icmp' }],
    },
    {
      name: 'ICMP type 0 code 0',
      doc: group('  {"direction": "ingress", "protocol": "icmp",\n   "icmpParameters": {"type": 0, "code": 0}}'),
      errors: [
        {
          line: 3,
          column: 22,
          message: 'icmpParameters type 0 code 0 is stored by the API as "every ICMP type" (it omits 0/0)',
        },
      ],
    },
    {
      name: 'both an ipRange and a remote group',
      doc: group('  {"direction": "ingress", "remoteSecurityGroupId": "b",\n   "ipRange": "10.0.0.0/8"}'),
      errors: [
        { line: 3, column: 15, message: 'ipRange and remoteSecurityGroupId are both set; a rule matches one remote' },
      ],
    },
    {
      name: 'port range 0-0',
      doc: group('  {"direction": "ingress", "protocol": "tcp",\n   "portRange": {"min": 0, "max": 0}}'),
      errors: [{ line: 3, column: 17, message: 'portRange 0-0 is stored by the API as "every port"' }],
    },
    {
      name: 'an unknown protocol with ports is one finding, not also "ports on every protocol"',
      doc: group(
        '  {"direction": "ingress", "protocol": "all", "portRange": {"min": 22, "max": 22}}',
        '  {"direction": "ingress", "protocol": 256, "icmpParameters": {"type": 8, "code": 0}}',
      ),
      errors: [
        {
          line: 2,
          column: 40,
          message:
            'protocol name "all" is unknown; expected one of icmp, igmp, ipip, tcp, egp, udp, dccp, ipv6-encap, ' +
            'ipv6-route, ipv6-frag, rsvp, gre, esp, ah, ipv6-icmp, ipv6-nonxt, ipv6-opts, ospf, vrrp, pgm, sctp, udplite',
        },
        {
          line: 3,
          column: 40,
          message: 'protocol is 256; expected an object {name, number}, a protocol name or a number 0-255',
        },
      ],
    },
    {
      name: 'a protocol without an API name is named by its number',
      doc: group('  {"direction": "ingress", "protocol": 0, "portRange": {"min": 22, "max": 22}}'),
      errors: [
        {
          line: 2,
          column: 56,
          message: 'portRange is set on protocol 0, which has no ports; ports need tcp, udp, sctp, dccp or udplite',
        },
      ],
    },
    {
      name: 'leading zeros are reported; the rule is judged only where octal and decimal agree',
      doc: group(
        '  {"direction": "ingress", "ipRange": "192.168.001.000/24"}',
        '  {"direction": "ingress", "ipRange": "010.0.0.0/8"}',
      ),
      errors: [
        {
          line: 2,
          column: 39,
          message:
            'ipRange "192.168.001.000/24" has octets with leading zeros, which some readers take as octal; ' +
            'either way it means 192.168.1.0/24',
        },
        {
          line: 3,
          column: 39,
          message: 'ipRange "010.0.0.0/8" is not a valid CIDR: an octet with a leading zero is ambiguous (octal or decimal)',
        },
      ],
    },
    {
      name: 'an IPv4-mapped range in an IPv6 rule',
      doc: group('  {"direction": "ingress", "ethertype": "IPv6",\n   "ipRange": "::ffff:10.0.0.0/104"}'),
      errors: [
        {
          line: 3,
          column: 15,
          message:
            'ipRange "::ffff:10.0.0.0/104" is an IPv4-mapped IPv6 range; an IPv6 rule with it matches no traffic',
        },
      ],
    },
    {
      name: 'a prefix length over 32',
      doc: group('  {"direction": "ingress",\n   "ipRange": "10.0.0.0/33"}'),
      errors: [
        { line: 3, column: 15, message: 'ipRange "10.0.0.0/33" is not a valid CIDR: an IPv4 prefix length is at most 32' },
      ],
    },
    {
      name: 'a rule that is not an object',
      doc: group('  "allow ssh"'),
      errors: [{ line: 2, column: 3, message: 'a rule must be an object, got "allow ssh"' }],
    },
    {
      name: 'one malformed rule among good ones is the only finding',
      doc: group(
        '  {"direction": "egress"}',
        '  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}}',
        '  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 9000, "max": 53}}',
      ),
      errors: [{ line: 4, column: 60, message: 'portRange min 9000 is greater than max 53' }],
    },
    {
      name: 'two problems in one rule are two findings',
      doc: group('  {"direction": "ingress", "protocol": "tpc",\n   "portRange": {"min": 30, "max": 20}}'),
      errors: [
        { line: 2, column: 40, message: /^protocol name "tpc" is unknown/ },
        { line: 3, column: 17, message: 'portRange min 30 is greater than max 20' },
      ],
    },
    {
      name: 'a group without a name points at the group',
      doc: '{"items": [{"rules": [{"direction": "egress"}]}]}',
      errors: [{ line: 1, column: 12, message: 'name is missing' }],
    },
    {
      name: 'a list item that is not an object',
      doc: '{"items": [{"name": "ok", "rules": []}, 42]}',
      errors: [{ line: 1, column: 41, message: 'a security group must be an object, got 42' }],
    },
  ],
});
