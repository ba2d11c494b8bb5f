import { ruleTester } from '../helpers/rule-tester.js';

const groups = `{"items": [
  {"name": "web", "id": "w", "rules": []},
  {"name": "old", "id": "o", "rules": []}
]}`;

const nic = (securityGroups: string, extra = ''): string =>
  `{"id": "nic-1", "networkId": "net-1", "nicSecurity": true, "securityGroups": ${securityGroups}${extra}}`;

ruleTester('unused-group', {
  valid: [
    { name: 'without NIC data nothing can be judged', doc: groups },
    {
      name: 'every group attached',
      doc: groups,
      extra: [`{"items": [${nic('["w"]')}, ${nic('["o"]').replace('nic-1', 'nic-2')}]}`],
    },
    {
      name: 'a NIC whose groups are unknown keeps the check silent',
      doc: groups,
      extra: [`{"items": [${nic('["w"]')}, {"id": "nic-2", "networkId": "net-1"}]}`],
    },
    {
      name: 'a group without an id cannot be matched and is skipped',
      doc: '{"items": [{"name": "draft", "rules": []}]}',
      extra: [`{"items": [${nic('[]')}]}`],
    },
  ],
  invalid: [
    {
      name: 'a group on no NIC',
      doc: groups,
      extra: [`{"items": [${nic('["w"]')}]}`],
      errors: [{ line: 3, column: 12, severity: 'note', message: 'group "old" is attached to no network interface' }],
    },
    {
      name: 'NICs as a bare array, as the stackit CLI prints them',
      doc: groups,
      extra: [`[${nic('["o"]')}]`],
      errors: [{ line: 2, column: 12, message: 'group "web" is attached to no network interface' }],
    },
    {
      name: 'groups and NICs in one live snapshot',
      doc: `{"kind": "sglint-snapshot", "projects": [{"projectId": "p", "securityGroups": [
  {"name": "web", "id": "w", "rules": []}
], "nics": [${nic('[]')}]}]}`,
      errors: [{ line: 2, column: 12, message: 'group "web" is attached to no network interface' }],
    },
  ],
});
