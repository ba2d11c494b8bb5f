import { z } from 'zod';
import { outerCidrs } from '../src/analysis/cidr.js';
import { describeSources, describeTraffic, listItems } from '../src/analysis/describe.js';
import { defineCheck } from '../src/engine/check.js';
import type { SecurityGroupRule } from '../src/model/types.js';

export default defineCheck({
  id: 'ingress-broad-public-range',
  description: 'Ingress is allowed from a broad public address range that is not the whole world.',
  defaultSeverity: 'warning',
  tags: ['security', 'exposure', 'network'],
  securitySeverity: '5.0',
  precision: 'high',
  options: z
    .object({
      /** A public IPv4 range shorter than this prefix is broad. */
      ipv4Prefix: z.number().int().min(1).max(32).default(16),
      /** A public IPv6 range shorter than this prefix is broad. */
      ipv6Prefix: z.number().int().min(1).max(128).default(32),
    })
    .strict(),
  check({ model, analysis, settings, options, report }) {
    const exposureSettings = {
      trustedRanges: settings.trustedRanges,
      broadPrefix: { 4: options.ipv4Prefix, 6: options.ipv6Prefix },
    };
    for (const group of model.groups) {
      for (const family of [4, 6] as const) {
        const exposure = analysis.groupExposure(group, family, exposureSettings);
        const byRules = new Map<string, { items: string[]; ranges: Set<string> }>();
        for (const cell of exposure.cells) {
          if (cell.kind !== 'broad') continue;
          const key = cell.contributors.join(',');
          let entry = byRules.get(key);
          if (entry === undefined) byRules.set(key, (entry = { items: [], ranges: new Set() }));
          entry.items.push(describeTraffic(cell.protocol, cell.detail));
          for (const run of cell.runs) {
            const blocks = outerCidrs(family, run.lo, run.hi);
            entry.ranges.add(blocks.single ? blocks.first : `${blocks.first} … ${blocks.last}`);
          }
        }
        for (const [key, entry] of byRules) {
          const rules = key.split(',').map((index) => exposure.rules[Number(index)] as SecurityGroupRule);
          const [rule, ...related] = rules;
          if (rule === undefined) continue;
          const prefix = family === 4 ? options.ipv4Prefix : options.ipv6Prefix;
          report({
            rule,
            related,
            message:
              `${listItems(entry.items)} reachable from public ranges wider than /${prefix} ` +
              `through ${describeSources(rules)}`,
          });
        }
      }
    }
  },
});
