import { z } from 'zod';
import { describeSources, listItems } from '../src/analysis/describe.js';
import { DEFAULT_ALLOWED, splitWorldExposure, type AllowedPort } from '../src/analysis/world.js';
import { defineCheck } from '../src/engine/check.js';
import { protocolNumber } from '../src/model/protocols.js';
import { DEFAULT_EXPOSURE_SETTINGS } from './exposure-settings.js';

const allowPortSchema = z
  .object({
    protocol: z.union([z.string(), z.number().int().min(0).max(255)]),
    port: z.union([z.number().int().min(0).max(65535), z.string().regex(/^\d{1,5}(-\d{1,5})?$/)]).optional(),
  })
  .strict()
  .refine((entry) => typeof entry.protocol === 'number' || protocolNumber(entry.protocol) !== undefined, {
    message: 'unknown protocol name',
    path: ['protocol'],
  });

/** Turns the `allowPorts` option into detail ranges. */
function toAllowed(entries: z.infer<typeof allowPortSchema>[]): AllowedPort[] {
  return entries.map((entry) => {
    const protocol = typeof entry.protocol === 'number' ? entry.protocol : (protocolNumber(entry.protocol) as number);
    if (entry.port === undefined) return { protocol, from: 0, to: 65535 };
    const [from, to] = typeof entry.port === 'number' ? [entry.port, entry.port] : entry.port.split('-').map(Number);
    return { protocol, from: from as number, to: (to ?? from) as number };
  });
}

const DEFAULT_ALLOW_OPTION = [
  { protocol: 'tcp', port: 80 },
  { protocol: 'tcp', port: 443 },
  { protocol: 'udp', port: 443 },
  { protocol: 'icmp' },
  { protocol: 'ipv6-icmp' },
];

export default defineCheck({
  id: 'ingress-world',
  description: 'A port or protocol outside the allowed list is reachable from the whole world.',
  defaultSeverity: 'warning',
  tags: ['security', 'exposure', 'network'],
  securitySeverity: '5.5',
  precision: 'high',
  options: z
    .object({ allowPorts: z.array(allowPortSchema).default(DEFAULT_ALLOW_OPTION) })
    .strict(),
  check({ model, analysis, settings, options, report }) {
    const allowed = options.allowPorts === DEFAULT_ALLOW_OPTION ? DEFAULT_ALLOWED : toAllowed(options.allowPorts);
    for (const group of model.groups) {
      for (const family of [4, 6] as const) {
        const split = splitWorldExposure(
          analysis,
          group,
          family,
          DEFAULT_EXPOSURE_SETTINGS(settings),
          settings.sensitivePorts,
          allowed,
        );
        for (const finding of split.other) {
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
  },
});
