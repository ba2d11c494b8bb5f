/**
 * Maps the attributes of the STACKIT Terraform provider's resources
 * (snake_case, nested `protocol`, `port_range`, `icmp_parameters` objects)
 * to the API shape the model builder reads, and records which values are
 * not known. Shared by the plan/state reader and the `.tf` reader.
 */
import type { UnknownField } from '../model/types.js';
import { TERRAFORM_KEY } from './records.js';

export const GROUP_TYPE = 'stackit_security_group';
export const RULE_TYPE = 'stackit_security_group_rule';
export const NIC_TYPE = 'stackit_network_interface';
export const SERVER_TYPE = 'stackit_server';

/** API field → Terraform attribute, for pointers into Terraform documents. */
export const GROUP_FIELDS: Readonly<Record<string, string>> = { id: 'security_group_id' };
export const RULE_FIELDS: Readonly<Record<string, string>> = {
  id: 'security_group_rule_id',
  securityGroupId: 'security_group_id',
  ethertype: 'ether_type',
  portRange: 'port_range',
  icmpParameters: 'icmp_parameters',
  ipRange: 'ip_range',
  remoteSecurityGroupId: 'remote_security_group_id',
};
export const NIC_FIELDS: Readonly<Record<string, string>> = {
  id: 'network_interface_id',
  securityGroups: 'security_group_ids',
  nicSecurity: 'security',
  networkId: 'network_id',
};

/** Tells whether an attribute's value is unknown (until apply, or because it is an expression). */
export type UnknownTest = (attribute: string) => boolean;

/** The join key for a resource address (`module.net.stackit_security_group.web`) in a scope. */
export function terraformKey(scope: string, address: string): string {
  return `${TERRAFORM_KEY}${scope}${address}`;
}

function numeric(value: unknown): unknown {
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return value;
}

/** Drops null members of a nested object and turns numeric strings (HCL) into numbers. */
function cleanObject(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const result: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    if (member !== null && member !== undefined) result[key] = key === 'name' ? member : numeric(member);
  }
  return result;
}

/** API fields that are booleans: Terraform converts the text "true" or "false" to one (HCL may give either). */
const BOOLEAN_FIELDS = new Set(['stateful', 'nicSecurity']);

function copy(
  target: Record<string, unknown>,
  values: Record<string, unknown>,
  api: string,
  attribute: string,
): void {
  const value = values[attribute];
  if (value === null || value === undefined) return;
  if (BOOLEAN_FIELDS.has(api) && (value === 'true' || value === 'false')) target[api] = value === 'true';
  else target[api] = cleanObject(value);
}

/** A rule resource in API shape, with the fields whose value is unknown. */
export function mapRule(
  values: Record<string, unknown>,
  isUnknown: UnknownTest,
  remoteKey: string | undefined,
): { value: Record<string, unknown>; unknown: UnknownField[] } {
  const value: Record<string, unknown> = {};
  const unknown = new Set<UnknownField>();
  const fields: [string, string, UnknownField | undefined][] = [
    ['id', 'security_group_rule_id', undefined],
    ['description', 'description', undefined],
    ['direction', 'direction', 'direction'],
    ['ethertype', 'ether_type', 'ethertype'],
    ['protocol', 'protocol', 'protocol'],
    ['portRange', 'port_range', 'ports'],
    ['icmpParameters', 'icmp_parameters', 'icmp'],
    ['ipRange', 'ip_range', 'remote'],
  ];
  for (const [api, attribute, field] of fields) {
    if (isUnknown(attribute)) {
      if (field !== undefined) unknown.add(field);
      continue;
    }
    copy(value, values, api, attribute);
  }
  if (isUnknown('remote_security_group_id')) {
    if (remoteKey === undefined) unknown.add('remote');
    else value.remoteSecurityGroupId = remoteKey;
  } else {
    copy(value, values, 'remoteSecurityGroupId', 'remote_security_group_id');
  }
  return { value, unknown: [...unknown] };
}

/** A group resource in API shape; an unknown `stateful` is left out (the API default, stateful). */
export function mapGroup(values: Record<string, unknown>, isUnknown: UnknownTest): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [api, attribute] of [
    ['id', 'security_group_id'],
    ['name', 'name'],
    ['description', 'description'],
    ['labels', 'labels'],
    ['stateful', 'stateful'],
  ] as const) {
    if (!isUnknown(attribute)) copy(value, values, api, attribute);
  }
  if (value.name === undefined && isUnknown('name')) value.name = '(name known after apply)';
  return value;
}

/** A NIC resource in API shape, with its unknown fields. */
export function mapNic(
  values: Record<string, unknown>,
  isUnknown: UnknownTest,
): { value: Record<string, unknown>; unknown: ('securityGroups' | 'nicSecurity' | 'device')[] } {
  const value: Record<string, unknown> = {};
  const unknown: ('securityGroups' | 'nicSecurity' | 'device')[] = [];
  for (const [api, attribute] of [
    ['id', 'network_interface_id'],
    ['name', 'name'],
    ['ipv4', 'ipv4'],
    ['networkId', 'network_id'],
  ] as const) {
    if (!isUnknown(attribute)) copy(value, values, api, attribute);
  }
  if (isUnknown('device')) unknown.push('device');
  else copy(value, values, 'device', 'device');
  if (isUnknown('security')) unknown.push('nicSecurity');
  else copy(value, values, 'nicSecurity', 'security');
  if (isUnknown('security_group_ids')) unknown.push('securityGroups');
  else copy(value, values, 'securityGroups', 'security_group_ids');
  return { value, unknown };
}
