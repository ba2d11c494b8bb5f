import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('stateless-missing-return', {
  valid: [
    {
      name: 'a stateful group needs no reply rules',
      doc: `{"name": "g", "stateful": true, "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'stateless https with an egress rule for the replies',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "tcp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'stateless echo request answered by every ICMP type (the API cannot store echo reply 0/0)',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "icmp", "icmpParameters": {"type": 8, "code": 0}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "icmp", "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'stateless with everything allowed both ways',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress"},
  {"direction": "egress"}
]}`,
    },
    {
      name: 'an ICMP type with no known reply',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "icmp", "icmpParameters": {"type": 3, "code": 4}, "ipRange": "10.0.0.0/8"}
]}`,
    },
    {
      name: 'two ephemeral-port rules that answer each other',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "udp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "udp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"}
]}`,
    },
  ],
  invalid: [
    {
      name: 'stateless https with no egress at all',
      doc: `{"name": "lb", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          severity: 'warning',
          message:
            'replies to this ingress rule are not allowed in stateless group "lb": ' +
            'add an egress rule for tcp/1024-65535 to 10.0.0.0/8',
        },
      ],
    },
    {
      name: 'an IPv6 server whose only reply rule is IPv4 is told to add an IPv6 one',
      doc: `{"name": "v6", "stateful": false, "rules": [
  {"direction": "ingress", "ethertype": "IPv6", "protocol": "tcp", "portRange": {"min": 443, "max": 443}},
  {"direction": "egress", "protocol": "tcp", "portRange": {"min": 1024, "max": 65535}}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this ingress rule are not allowed in stateless group "v6": ' +
            'add an egress rule (ethertype IPv6) for tcp/1024-65535 to every address (no ipRange)',
        },
        {
          // The IPv4 rule is a flow of its own (connections out to ports 1024-65535).
          line: 3,
          column: 3,
          message:
            'replies to this egress rule are not allowed in stateless group "v6": ' +
            'add an ingress rule for tcp/1024-65535 from every address (no ipRange)',
        },
      ],
    },
    {
      name: 'the advice names the network, not host bits the rule was written with',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "10.0.0.1/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this ingress rule are not allowed in stateless group "g": ' +
            'add an egress rule for tcp/1024-65535 to 10.0.0.0/8',
        },
      ],
    },
    {
      name: 'stateless DNS lookups with no ingress for the answers',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "egress", "protocol": "udp", "portRange": {"min": 53, "max": 53}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this egress rule are not allowed in stateless group "g": ' +
            'add an ingress rule for udp/1024-65535 from 0.0.0.0/0',
        },
      ],
    },
    {
      name: 'a reply rule that is wider than the replies is judged as a rule of its own',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "tcp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "0.0.0.0/0"}
]}`,
      errors: [
        {
          line: 3,
          column: 3,
          message:
            'replies to this egress rule are not allowed in stateless group "g": ' +
            'add an ingress rule for tcp/1024-65535 from 0.0.0.0/0',
        },
      ],
    },
    {
      name: 'GRE one way only',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "gre", "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message: 'replies to this ingress rule are not allowed in stateless group "g": add an egress rule for gre to 10.0.0.0/8',
        },
      ],
    },
    {
      name: 'echo request without a rule for the reply names every ICMP type, the narrowest rule the API stores',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "protocol": "icmp", "icmpParameters": {"type": 8, "code": 0}, "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this ingress rule are not allowed in stateless group "g": ' +
            'add an egress rule for icmp to 10.0.0.0/8',
        },
      ],
    },
    {
      name: 'every protocol in, only tcp out: the other replies are missing',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress"},
  {"direction": "egress", "protocol": "tcp"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this ingress rule are not allowed in stateless group "g": add an egress rule for ' +
            'udp/1024-65535, dccp/1024-65535, sctp/1024-65535, udplite/1024-65535, icmp, ' +
            'protocols 0, 2-5, 7-16, 18-32, 34-131, 133-135, 137-255 to every address (no ipRange)',
        },
      ],
    },
    {
      name: 'every protocol in, replies out for ports and ICMP only: gre, esp and the rest need their own way back',
      doc: `{"name": "g", "stateful": false, "rules": [
  {"direction": "ingress", "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "tcp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "udp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "sctp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "dccp", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "udplite", "portRange": {"min": 1024, "max": 65535}, "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "icmp", "ipRange": "10.0.0.0/8"},
  {"direction": "egress", "protocol": "gre", "ipRange": "10.0.0.0/8"}
]}`,
      errors: [
        {
          line: 2,
          column: 3,
          message:
            'replies to this ingress rule are not allowed in stateless group "g": add an egress rule for ' +
            'protocols 0, 2-5, 7-16, 18-32, 34-46, 48-131, 133-135, 137-255 to 10.0.0.0/8',
        },
      ],
    },
  ],
});
