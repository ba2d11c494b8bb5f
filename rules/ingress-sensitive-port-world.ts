import { z } from 'zod';
import { describeSources, listItems } from '../src/analysis/describe.js';
import { describeNic, describeUnion, nicWorldExposure } from '../src/analysis/nic-exposure.js';
import { splitWorldExposure } from '../src/analysis/world.js';
import { defineCheck } from '../src/engine/check.js';
import { DEFAULT_EXPOSURE_SETTINGS, worldSettings } from './exposure-settings.js';

export default defineCheck({
  id: 'ingress-sensitive-port-world',
  description: 'A sensitive port (SSH, RDP, databases, …) is reachable from the whole world.',
  defaultSeverity: 'error',
  tags: ['security', 'exposure', 'network'],
  securitySeverity: '9.1',
  precision: 'very-high',
  options: z.object({}).strict(),
  check({ model, analysis, settings, report }) {
    for (const group of model.groups) {
      for (const family of [4, 6] as const) {
        const split = splitWorldExposure(
          analysis,
          group,
          family,
          DEFAULT_EXPOSURE_SETTINGS(settings),
          settings.sensitivePorts,
          worldSettings.allowedNone,
        );
        for (const finding of split.sensitive) {
          const [rule, ...related] = finding.rules;
          if (rule === undefined) continue;
          report({
            rule,
            related,
            message: `${listItems(finding.items)} reachable from the world through ${describeSources(finding.rules)}`,
          });
        }
      }
    }
    // Groups on one NIC add up: report what only their union opens, on the NIC.
    for (const family of [4, 6] as const) {
      const unions = nicWorldExposure(
        analysis,
        model,
        family,
        DEFAULT_EXPOSURE_SETTINGS(settings),
        settings.sensitivePorts,
        worldSettings.allowedNone,
      );
      for (const { nic, groups, split } of unions) {
        for (const finding of split.sensitive) {
          report({
            nic,
            related: finding.rules,
            message:
              `${listItems(finding.items)} reachable from the world on ${describeNic(nic)} ` +
              `through ${describeUnion(groups, finding.rules)}`,
          });
        }
      }
    }
  },
});
