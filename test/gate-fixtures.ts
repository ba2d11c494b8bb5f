/**
 * Small API-shaped exports for the config, suppression, baseline and
 * format tests.
 */
export interface RuleInput {
  id?: string;
  direction: 'ingress' | 'egress';
  ethertype?: 'IPv4' | 'IPv6';
  protocol?: { name: string; number: number };
  portRange?: { min: number; max: number };
  ipRange?: string;
  description?: string;
}

export interface GroupInput {
  id?: string;
  name: string;
  description?: string;
  labels?: Record<string, string>;
  stateful?: boolean;
  rules: RuleInput[];
}

export const TCP = { name: 'tcp', number: 6 };

/** An ingress TCP rule on one port from `ipRange`. */
export function tcpIn(port: number, ipRange = '0.0.0.0/0', id?: string): RuleInput {
  return {
    ...(id === undefined ? {} : { id }),
    direction: 'ingress',
    ethertype: 'IPv4',
    protocol: TCP,
    portRange: { min: port, max: port },
    ipRange,
  };
}

/** Egress to everywhere for both families, so missing-egress stays quiet. */
export function allEgress(prefix = ''): RuleInput[] {
  return [
    { ...(prefix === '' ? {} : { id: `${prefix}-e4` }), direction: 'egress', ethertype: 'IPv4' },
    { ...(prefix === '' ? {} : { id: `${prefix}-e6` }), direction: 'egress', ethertype: 'IPv6' },
  ];
}

/** A security group in API shape with the usual defaults. */
export function group(input: GroupInput): Record<string, unknown> {
  return { labels: {}, stateful: true, ...input };
}

/** An API list envelope, pretty-printed. */
export function exportText(groups: Record<string, unknown>[], indent: number | string = 2): string {
  return `${JSON.stringify({ items: groups }, null, indent)}\n`;
}
