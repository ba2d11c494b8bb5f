import { z } from 'zod';
import { groupNames } from '../src/model/attachments.js';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'unused-group',
  description: 'A security group is attached to no network interface.',
  defaultSeverity: 'note',
  tags: ['maintainability'],
  securitySeverity: '1.0',
  precision: 'high',
  options: z.object({}).strict(),
  check({ model, report }) {
    if (!model.hasAttachments) return;
    if (model.nics.some((nic) => nic.securityGroups === null)) return;
    const attached = new Set(model.nics.flatMap((nic) => nic.securityGroups ?? []));
    const projectsWithNics = new Set(model.nics.map((nic) => nic.projectId));
    for (const group of model.groups) {
      const names = groupNames(group);
      if (group.external === true || group.passedToModule === true) continue;
      if (names.length === 0 || names.some((name) => attached.has(name))) continue;
      if (group.projectId !== undefined && !projectsWithNics.has(group.projectId)) continue;
      report({ group, message: `group "${group.name}" is attached to no network interface` });
    }
  },
});
