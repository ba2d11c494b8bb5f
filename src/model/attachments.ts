/**
 * Which groups a NIC carries. A NIC names its groups by id or, in
 * Terraform input, by a reference that is one of a group's `refs`.
 */
import type { Model, NetworkInterface, SecurityGroup } from './types.js';

/** Every name a group answers to: its id and its refs. */
export function groupNames(group: SecurityGroup): string[] {
  return [...(group.id === undefined ? [] : [group.id]), ...(group.refs ?? [])];
}

/** A lookup from every group name to its group (the first group wins). */
export function groupsByName(model: Model): Map<string, SecurityGroup> {
  const byName = new Map<string, SecurityGroup>();
  for (const group of model.groups) {
    for (const name of groupNames(group)) if (!byName.has(name)) byName.set(name, group);
  }
  return byName;
}

/** The groups of the input a NIC carries (groups not in the input are left out); null when unknown. */
export function nicGroups(
  nic: NetworkInterface,
  byName: ReadonlyMap<string, SecurityGroup>,
): SecurityGroup[] | null {
  if (nic.securityGroups === null) return null;
  const groups: SecurityGroup[] = [];
  for (const name of nic.securityGroups) {
    const group = byName.get(name);
    if (group !== undefined && !groups.includes(group)) groups.push(group);
  }
  return groups;
}
