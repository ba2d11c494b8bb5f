import { z } from 'zod';
import { forEachProblem } from '../src/analysis/rule-problems.js';
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
    forEachProblem(model, 'invalid', (rule, problem) => {
      report({ rule, pointer: problem.pointer, message: problem.message });
    });
  },
});
