import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

const blank = (text: string | undefined): boolean => text === undefined || text.trim() === '';

export default defineCheck({
  id: 'missing-description',
  description: 'A rule or group has no description.',
  defaultSeverity: 'off',
  strictSeverity: 'note',
  tags: ['maintainability'],
  securitySeverity: '1.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const group of model.groups) {
      if (blank(group.description) && group.rulesKnown) {
        report({ group, message: `group "${group.name}" has no description` });
      }
      for (const rule of group.rules) {
        if (blank(rule.description)) report({ rule, message: 'rule has no description' });
      }
    }
  },
});
