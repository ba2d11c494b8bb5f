import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('unknown-remote-group', {
  valid: [
    {
      name: 'a group listed without its rules still exists',
      doc: `{"items": [
  {"name": "a", "id": "a", "rules": [{"direction": "ingress", "remoteSecurityGroupId": "b"}]},
  {"name": "b", "id": "b"}
]}`,
    },
    {
      name: 'a remote group that is in the list',
      doc: `{"items": [
  {"name": "web", "id": "w", "rules": []},
  {"name": "db", "id": "d", "rules": [
    {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 5432, "max": 5432}, "remoteSecurityGroupId": "w"}
  ]}
]}`,
    },
    {
      name: 'a group that names itself',
      doc: `{"items": [{"name": "default", "id": "d", "rules": [
  {"direction": "ingress", "remoteSecurityGroupId": "d"}
]}]}`,
    },
    {
      name: 'a single group is not a complete input, so nothing is missing',
      doc: `{"name": "db", "id": "d", "rules": [
  {"direction": "ingress", "remoteSecurityGroupId": "elsewhere"}
]}`,
    },
    {
      name: 'an empty remote group id means no remote group',
      doc: `{"items": [{"name": "g", "rules": [
  {"direction": "egress", "remoteSecurityGroupId": ""}
]}]}`,
    },
  ],
  invalid: [
    {
      name: 'a remote group absent from the project list',
      doc: `{"items": [{"name": "db", "id": "d", "rules": [
  {"direction": "ingress", "protocol": "tcp", "remoteSecurityGroupId": "gone"}
]}]}`,
      errors: [
        {
          line: 2,
          column: 72,
          endColumn: 78,
          severity: 'error',
          message: 'remoteSecurityGroupId "gone" names no security group in the input',
        },
      ],
    },
    {
      name: 'a bare array of groups, as the stackit CLI prints it, is complete too',
      doc: `[
  {"name": "a", "id": "a", "rules": [{"direction": "ingress", "remoteSecurityGroupId": "b"}]},
  {"name": "c", "id": "c", "rules": [{"direction": "ingress", "remoteSecurityGroupId": "a"}]}
]`,
      errors: [{ line: 2, column: 88, message: 'remoteSecurityGroupId "b" names no security group in the input' }],
    },
  ],
});
