import { ruleTester } from '../helpers/rule-tester.js';

ruleTester('missing-description', {
  valid: [
    {
      name: 'group and rules described',
      doc: `{"name": "web", "description": "public web servers", "rules": [
  {"direction": "egress", "description": "all outbound"}
]}`,
    },
    {
      name: 'a group whose rules the input does not carry is not judged',
      doc: '{"name": "web", "id": "w"}',
    },
    {
      name: 'a described group with no rules',
      doc: '{"name": "web", "description": "placeholder", "rules": []}',
    },
  ],
  invalid: [
    {
      name: 'a group without description',
      doc: '{"name": "web", "rules": []}',
      errors: [{ line: 1, column: 10, severity: 'note', message: 'group "web" has no description' }],
    },
    {
      name: 'a rule without description',
      doc: `{"name": "web", "description": "public web servers", "rules": [
  {"direction": "egress", "description": "all outbound"},
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 443, "max": 443}}
]}`,
      errors: [{ line: 3, column: 3, message: 'rule has no description' }],
    },
    {
      name: 'blank descriptions count as missing',
      doc: `{"name": "web", "description": "  ", "rules": [
  {"direction": "egress", "description": ""}
]}`,
      errors: [
        { line: 1, column: 10, message: 'group "web" has no description' },
        { line: 2, column: 3, message: 'rule has no description' },
      ],
    },
  ],
});
