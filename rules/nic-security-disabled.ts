import { z } from 'zod';
import { defineCheck } from '../src/engine/check.js';

export default defineCheck({
  id: 'nic-security-disabled',
  description: 'A network interface has nicSecurity off, so no security group applies to it.',
  defaultSeverity: 'warning',
  tags: ['security', 'network'],
  securitySeverity: '7.0',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, report }) {
    for (const nic of model.nics) {
      if (nic.nicSecurity) continue;
      const name = nic.name ?? nic.id ?? 'network interface';
      const server = nic.serverName ?? nic.device;
      const where = server === undefined ? '' : ` of server "${server}"`;
      report({
        nic,
        pointer: `${nic.source.pointer}/nicSecurity`,
        message: `nicSecurity is off on "${name}"${where}: no security group filters its traffic`,
      });
    }
  },
});
