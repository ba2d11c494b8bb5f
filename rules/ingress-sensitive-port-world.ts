import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';
import { NOTHING_ALLOWED, reportWorldExposure } from './world-exposure.js';

export default defineCheck({
  id: 'ingress-sensitive-port-world',
  description: 'A sensitive port (SSH, RDP, databases, …) is reachable from the whole world.',
  defaultSeverity: 'error',
  tags: ['security', 'exposure', 'network'],
  securitySeverity: '9.1',
  precision: 'very-high',
  options: z.object({}).strict(),
  check(context) {
    reportWorldExposure(context, 'sensitive', NOTHING_ALLOWED);
  },
});
