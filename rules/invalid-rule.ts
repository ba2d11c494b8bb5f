import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'invalid-rule',
  description: 'A rule or group the API would reject or silently rewrite.',
  defaultSeverity: 'error',
  tags: ['correctness', 'network'],
  securitySeverity: '5.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, groupProblems, report }) {
    const groups = new Map(model.groups.map((group) => [group.key, group]));
    for (const { groupKey, problem } of groupProblems) {
      const group = groups.get(groupKey);
      if (group !== undefined) report({ group, pointer: problem.pointer, message: problem.message });
    }
    for (const group of model.groups) {
      for (const rule of group.rules) {
        for (const problem of rule.problems) {
          if (problem.kind === 'invalid') report({ rule, pointer: problem.pointer, message: problem.message });
        }
      }
    }
  },
});
