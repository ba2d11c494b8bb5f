/**
 * Turns Terraform resources (from plan or state JSON, or from `.tf` files)
 * into the records the model builder reads: groups, rules joined by id or
 * by reference, NICs and servers.
 */
import type { ReadResult } from './records.js';
import {
  GROUP_FIELDS,
  GROUP_TYPE,
  NIC_FIELDS,
  NIC_TYPE,
  RULE_FIELDS,
  RULE_TYPE,
  SERVER_TYPE,
  mapGroup,
  mapNic,
  mapRule,
  terraformKey,
  type UnknownTest,
} from './terraform-map.js';

type Json = Record<string, unknown>;

/** One Terraform resource instance, with what is needed to read it. */
export interface Resource {
  address: string;
  mode: string;
  type: string;
  /** `module.net.` for a resource of module `net`, '' in the root module. */
  modulePrefix: string;
  /** Scope of the join keys made from addresses: '' for plan and state, the directory for `.tf` files. */
  keyScope: string;
  values: Json;
  pointer: string;
  isUnknown: UnknownTest;
  /** References of each configured attribute (plans only); undefined when the configuration is absent. */
  references: ((attribute: string) => string[] | undefined) | undefined;
}

/** Keys of the `type` resources an attribute refers to; undefined if it refers to anything else. */
function referencedKeys(resource: Resource, attribute: string, type: string): string[] | undefined {
  const references = resource.references?.(attribute);
  if (references === undefined || references.length === 0) return undefined;
  const keys = new Set<string>();
  const pattern = new RegExp(`^((?:data\\.)?${type})\\.([^.[\\]]+)`);
  for (const reference of references) {
    const match = pattern.exec(reference);
    if (match === null) return undefined;
    keys.add(
      terraformKey(resource.keyScope, `${resource.modulePrefix}${match[1] as string}.${match[2] as string}`),
    );
  }
  return [...keys];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Adds one resource (group, rule, NIC or server) to a read result; notes rules with unknown values. */
export function readResource(result: ReadResult, resource: Resource, unknownRules: string[]): void {
  const { values, pointer, address, isUnknown } = resource;
  const base = { pointer, logical: address };
  const projectId = text(values.project_id);
  const project = projectId === undefined ? {} : { projectId };
  const key = terraformKey(resource.keyScope, address);
  if (resource.type === GROUP_TYPE) {
    const external = resource.mode === 'data';
    result.groups.push({
      ...base,
      ...project,
      value: mapGroup(values, isUnknown),
      fields: GROUP_FIELDS,
      joinKeys: [key],
      ...(external ? { external } : { rules: [] }),
    });
  } else if (resource.type === RULE_TYPE && resource.mode === 'managed') {
    const remoteKeys = isUnknown('remote_security_group_id')
      ? referencedKeys(resource, 'remote_security_group_id', GROUP_TYPE)
      : undefined;
    const mapped = mapRule(values, isUnknown, remoteKeys?.length === 1 ? remoteKeys[0] : undefined);
    let groupRef = text(values.security_group_id);
    if (isUnknown('security_group_id')) {
      const keys = referencedKeys(resource, 'security_group_id', GROUP_TYPE);
      groupRef = keys?.length === 1 ? keys[0] : undefined;
    }
    if (mapped.unknown.length > 0) unknownRules.push(`${address} (${mapped.unknown.join(', ')})`);
    result.rules.push({
      ...base,
      value: mapped.value,
      fields: RULE_FIELDS,
      ...(mapped.unknown.length > 0 ? { unknown: mapped.unknown } : {}),
      ...(groupRef === undefined ? {} : { groupRef }),
    });
  } else if (resource.type === NIC_TYPE && resource.mode === 'managed') {
    const mapped = mapNic(values, isUnknown);
    if (mapped.unknown.includes('securityGroups')) {
      const keys = referencedKeys(resource, 'security_group_ids', GROUP_TYPE);
      const known = Array.isArray(values.security_group_ids) ? values.security_group_ids.filter(text) : [];
      if (keys !== undefined) {
        mapped.value.securityGroups = [...known, ...keys];
        mapped.unknown = mapped.unknown.filter((field) => field !== 'securityGroups');
      }
    }
    // The provider refuses security_group_ids when security is off, so such a NIC has none.
    if (mapped.value.nicSecurity === false && mapped.value.securityGroups === undefined) {
      mapped.value.securityGroups = [];
      mapped.unknown = mapped.unknown.filter((field) => field !== 'securityGroups');
    }
    result.nics.push({
      ...base,
      ...project,
      value: mapped.value,
      fields: NIC_FIELDS,
      joinKeys: [key],
      ...(mapped.unknown.length > 0 ? { unknown: mapped.unknown } : {}),
    });
  } else if (resource.type === SERVER_TYPE && resource.mode === 'managed') {
    const nicRefs = isUnknown('network_interfaces')
      ? (referencedKeys(resource, 'network_interfaces', NIC_TYPE) ?? [])
      : Array.isArray(values.network_interfaces)
        ? values.network_interfaces.filter((id): id is string => typeof id === 'string')
        : [];
    const value: Json = {};
    if (!isUnknown('server_id') && text(values.server_id) !== undefined) value.id = values.server_id;
    if (!isUnknown('name') && text(values.name) !== undefined) value.name = values.name;
    result.servers.push({ ...base, ...project, value, nicRefs });
  }
}

/** The note for rules whose values are not known, or undefined when there are none. */
export function unknownRulesNote(unknownRules: readonly string[], reason: string): string | undefined {
  if (unknownRules.length === 0) return undefined;
  const shown = unknownRules.slice(0, 5).join(', ');
  const more = unknownRules.length > 5 ? ` and ${unknownRules.length - 5} more` : '';
  const count = `${unknownRules.length} ${unknownRules.length === 1 ? 'rule has' : 'rules have'}`;
  return `${count} values ${reason}: ${shown}${more}; checks that depend on those values skipped them`;
}
