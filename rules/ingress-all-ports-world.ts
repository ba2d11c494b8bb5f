import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';
import { NOTHING_ALLOWED, reportWorldExposure } from './world-exposure.js';

export default defineCheck({
  id: 'ingress-all-ports-world',
  description: 'Every port of tcp or udp, or every protocol, is reachable from the whole world.',
  defaultSeverity: 'error',
  tags: ['security', 'exposure', 'network'],
  securitySeverity: '9.5',
  precision: 'very-high',
  options: z.object({}).strict(),
  check(context) {
    reportWorldExposure(context, 'allPorts', NOTHING_ALLOWED);
  },
});
