/**
 * Ports that must never be open to the world: remote shells and desktops,
 * file sharing, databases, caches, container and cluster control planes.
 */
import { z } from 'zod';

export interface SensitivePort {
  protocol: 'tcp' | 'udp';
  /** Inclusive range. */
  from: number;
  to: number;
  service: string;
}

/** A port or an ascending range within 0-65535, as text: "22" or "6000-6063". */
export const portRangeText = z
  .string()
  .regex(/^\d{1,5}(-\d{1,5})?$/, 'expected a port such as "22" or a range "6000-6063"')
  .refine(
    (text) => {
      const [from, to = from] = text.split('-').map(Number) as [number, number?];
      return from <= 65535 && (to as number) <= 65535 && from <= (to as number);
    },
    { message: 'expected ports from 0 to 65535, the lower one first ("6000-6063")' },
  );

export const sensitivePortSchema = z
  .object({
    protocol: z.enum(['tcp', 'udp']),
    port: z.union([
      z.number().int().min(0).max(65535),
      portRangeText,
    ]),
    service: z.string().min(1),
  })
  .strict();

export type SensitivePortInput = z.infer<typeof sensitivePortSchema>;

export function toSensitivePort(input: SensitivePortInput): SensitivePort {
  const [from, to] =
    typeof input.port === 'number' ? [input.port, input.port] : input.port.split('-').map(Number);
  return { protocol: input.protocol, from: from as number, to: (to ?? from) as number, service: input.service };
}

const tcp = (port: number | string, service: string): SensitivePortInput => ({ protocol: 'tcp', port, service });
const udp = (port: number | string, service: string): SensitivePortInput => ({ protocol: 'udp', port, service });

export const DEFAULT_SENSITIVE_PORTS: SensitivePortInput[] = [
  tcp('20-21', 'FTP'),
  tcp(22, 'SSH'),
  tcp(23, 'Telnet'),
  tcp(111, 'RPC portmapper'),
  udp(111, 'RPC portmapper'),
  tcp(135, 'MS RPC'),
  udp('137-138', 'NetBIOS'),
  tcp(139, 'NetBIOS'),
  udp(161, 'SNMP'),
  tcp(389, 'LDAP'),
  tcp(445, 'SMB'),
  tcp(873, 'rsync'),
  tcp(1433, 'MS SQL Server'),
  udp(1434, 'MS SQL Browser'),
  tcp(1521, 'Oracle DB'),
  tcp(2049, 'NFS'),
  udp(2049, 'NFS'),
  tcp('2375-2376', 'Docker API'),
  tcp('2379-2380', 'etcd'),
  tcp(3306, 'MySQL'),
  tcp(3389, 'RDP'),
  udp(3389, 'RDP'),
  tcp(5432, 'PostgreSQL'),
  tcp(5601, 'Kibana'),
  tcp('5900-5903', 'VNC'),
  tcp(5984, 'CouchDB'),
  tcp('5985-5986', 'WinRM'),
  tcp(6379, 'Redis'),
  tcp(6443, 'Kubernetes API'),
  tcp(9042, 'Cassandra'),
  tcp(9200, 'Elasticsearch'),
  tcp(9300, 'Elasticsearch'),
  tcp(10250, 'kubelet'),
  tcp(11211, 'Memcached'),
  udp(11211, 'Memcached'),
  tcp('27017-27019', 'MongoDB'),
];
