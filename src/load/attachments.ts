/**
 * Builds the NICs the attachment checks need: from NIC lists, and from the
 * `nics` of detailed server lists, one NIC once even when both name it.
 * Servers lend their names to their NICs, through the NIC's `device` or
 * through the server's own list of NICs (Terraform `network_interfaces`).
 */
import type { NetworkInterface } from '../model/types.js';
import { isObject, sourceOf, type BuildState, type Pending } from './build.js';
import { groupKeys } from './join-rules.js';
import { TERRAFORM_KEY, type RawNicRecord } from './records.js';

interface ServerInfo {
  id: string | undefined;
  name: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The NICs a detailed server lists (`ServerNetwork` entries), as NIC records. */
function serverNics(pending: readonly BuildState['servers'][number][]): Pending<RawNicRecord>[] {
  const nics: Pending<RawNicRecord>[] = [];
  for (const { file, record } of pending) {
    const server = record.value;
    if (!isObject(server) || !Array.isArray(server.nics)) continue;
    server.nics.forEach((entry, index) => {
      if (!isObject(entry)) return;
      const value: Record<string, unknown> = { ...entry, id: entry.nicId };
      if (typeof server.id === 'string') value.device = server.id;
      nics.push({
        file,
        record: {
          value,
          pointer: `${record.pointer}/nics/${index}`,
          fields: { id: 'nicId' },
          ...(record.projectId === undefined ? {} : { projectId: record.projectId }),
        },
      });
    });
  }
  return nics;
}

/** Adds every pending NIC to the model, joined to groups and servers. */
export function buildAttachments(state: BuildState): void {
  const { model } = state;
  const groups = groupKeys(model.groups);
  const serversById = new Map<string, ServerInfo>();
  const serversByNic = new Map<string, ServerInfo>();
  for (const { record } of state.servers) {
    const value = record.value;
    if (!isObject(value)) continue;
    const info = { id: text(value.id), name: text(value.name) };
    if (info.id !== undefined) serversById.set(info.id, info);
    for (const ref of record.nicRefs ?? []) serversByNic.set(ref, info);
  }

  const seen = new Set<string>();
  for (const { file, record } of [...state.nics, ...serverNics(state.servers)]) {
    const value = record.value;
    if (!isObject(value)) continue;
    const id = text(value.id);
    if (id !== undefined) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    const unknown = new Set(record.unknown ?? []);
    let securityGroups: string[] | null = null;
    if (!unknown.has('securityGroups') && Array.isArray(value.securityGroups)) {
      securityGroups = value.securityGroups.filter((entry): entry is string => typeof entry === 'string');
      // A Terraform reference that names no group of the input is a value we do not know.
      if (securityGroups.some((entry) => entry.startsWith(TERRAFORM_KEY) && !groups.has(entry))) {
        securityGroups = null;
      }
    }
    const server = [id, ...(record.joinKeys ?? [])]
      .map((key) => (key === undefined ? undefined : serversByNic.get(key)))
      .find((info) => info !== undefined);
    const device = unknown.has('device') ? undefined : (text(value.device) ?? server?.id);
    const nic: NetworkInterface = {
      key: `n${model.nics.length + 1}`,
      id,
      name: text(value.name),
      device,
      serverName: server?.name ?? (device === undefined ? undefined : serversById.get(device)?.name),
      securityGroups,
      nicSecurity: unknown.has('nicSecurity') || value.nicSecurity !== false,
      ipv4: text(value.ipv4),
      ipv6: text(value.ipv6),
      publicIp: text(value.publicIp),
      source: sourceOf(file, record),
      projectId: record.projectId,
    };
    model.nics.push(nic);
    model.hasAttachments = true;
  }
}
