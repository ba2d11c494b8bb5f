import { z } from 'zod';
import { DEFAULT_ALLOWED, type AllowedPort } from '../src/analysis/world.js';
import { defineCheck } from '../src/engine/check.js';
import { portRangeText } from '../src/engine/sensitive-ports.js';
import { protocolNumber } from '../src/model/protocols.js';
import { reportWorldExposure } from './world-exposure.js';

const allowPortSchema = z
  .object({
    protocol: z.union([z.string(), z.number().int().min(0).max(255)]),
    port: z.union([z.number().int().min(0).max(65535), portRangeText]).optional(),
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
  check(context) {
    const { allowPorts } = context.options;
    reportWorldExposure(context, 'other', allowPorts === DEFAULT_ALLOW_OPTION ? DEFAULT_ALLOWED : toAllowed(allowPorts));
  },
});
