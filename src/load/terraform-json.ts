/**
 * Reads `terraform show -json` output of a plan (`resource_changes` with
 * `after_unknown`, `planned_values`, `prior_state`, `configuration`) or of
 * state (`values.root_module` with nested `child_modules`). Resources are
 * joined by id, and in a plan, where ids of new resources are unknown, by
 * the references the configuration records. A value unknown until apply is
 * never guessed: the model marks it unknown and checks skip it.
 */
import { isObject } from './build.js';
import { emptyReadResult, type ShapeReader } from './records.js';
import type { UnknownTest } from './terraform-map.js';
import { readResource, unknownRulesNote, type Resource } from './terraform-resources.js';

type Json = Record<string, unknown>;

const NOTHING_UNKNOWN: UnknownTest = () => false;

/** True when `true` occurs anywhere in a value (walked with a list, so any depth of nesting is safe). */
function anyTrue(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === true) return true;
    if (Array.isArray(next)) for (const member of next) pending.push(member);
    else if (isObject(next)) for (const member of Object.values(next)) pending.push(member);
  }
  return false;
}

/**
 * A scalar field as text (`String()` of a deeply nested array would
 * overflow the stack); anything else becomes `fallback`, which no
 * resource type or address equals.
 */
function scalarText(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fallback;
}

function modulePrefixOf(address: string, type: string, mode: string): string {
  const marker = `${mode === 'data' ? 'data.' : ''}${type}.`;
  const at = address.lastIndexOf(marker);
  return at <= 0 ? '' : address.slice(0, at);
}

/**
 * Resources of a state-shaped module (`values.root_module`,
 * `planned_values.root_module`) and of its child modules, depth first in
 * file order; walked with a list, so any depth of nesting is safe.
 */
function moduleResources(root: unknown, rootPointer: string, into: Resource[]): void {
  const pending: { module: unknown; pointer: string }[] = [{ module: root, pointer: rootPointer }];
  while (pending.length > 0) {
    const { module, pointer } = pending.pop() as { module: unknown; pointer: string };
    if (!isObject(module)) continue;
    addModuleResources(module, pointer, into);
    if (Array.isArray(module.child_modules)) {
      for (let index = module.child_modules.length - 1; index >= 0; index -= 1) {
        pending.push({ module: module.child_modules[index], pointer: `${pointer}/child_modules/${index}` });
      }
    }
  }
}

/** The resources listed directly in one state-shaped module. */
function addModuleResources(module: Json, pointer: string, into: Resource[]): void {
  if (Array.isArray(module.resources)) {
    module.resources.forEach((resource, index) => {
      if (!isObject(resource) || !isObject(resource.values)) return;
      const type = scalarText(resource.type);
      const mode = scalarText(resource.mode ?? 'managed');
      const address = scalarText(resource.address);
      into.push({
        address,
        mode,
        type,
        modulePrefix: modulePrefixOf(address, type, mode),
        keyScope: '',
        values: resource.values,
        pointer: `${pointer}/resources/${index}/values`,
        isUnknown: NOTHING_UNKNOWN,
        references: undefined,
      });
    });
  }
}

/** The configuration block of a module address (`module.a[0].module.b`). */
function configModule(root: unknown, modulePrefix: string): Json | undefined {
  let module = isObject(root) ? root : undefined;
  for (const match of modulePrefix.matchAll(/module\.([^.[\]]+)(?:\[[^\]]*\])?/g)) {
    const calls = module?.module_calls;
    const call = isObject(calls) ? calls[match[1] as string] : undefined;
    module = isObject(call) && isObject(call.module) ? call.module : undefined;
  }
  return module;
}

function configExpressions(
  root: unknown,
  resource: { modulePrefix: string; mode: string; type: string; name: string },
): Json | undefined {
  const module = configModule(root, resource.modulePrefix);
  if (!Array.isArray(module?.resources)) return undefined;
  const address = `${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
  const found = module.resources.find((entry) => isObject(entry) && entry.address === address);
  return isObject(found) && isObject(found.expressions) ? found.expressions : {};
}

/**
 * Whether a planned attribute is unknown in a way that matters. An attribute
 * the configuration leaves out is filled in by the provider from the API,
 * which applies its documented default for an absent value (every port,
 * every protocol, IPv4), so it is not unknown to us. Members of a constant
 * nested object that only the provider computes (`protocol.number` from
 * `protocol.name`) are not either.
 */
function unknownInPlan(
  afterUnknown: unknown,
  expressions: Json | undefined,
  attribute: string,
  after: unknown,
): boolean {
  if (!anyTrue(afterUnknown)) return false;
  if (afterUnknown !== true && knownByMembers(attribute, after, afterUnknown)) return false;
  if (expressions === undefined) return true;
  const expression = expressions[attribute];
  if (expression === undefined) return false;
  if (afterUnknown === true) return true;
  return !(isObject(expression) && 'constant_value' in expression);
}

/**
 * The members that settle a nested attribute although others are still unknown: a protocol is
 * known by its name or its number (the provider computes the other), a port range and ICMP
 * parameters by both of theirs. `protocol = { name = var.proto }` plans as `name: "tcp"` with
 * `number` unknown, and that rule is as known as a literal one.
 */
const SETTLED_BY: Readonly<Record<string, { members: readonly string[]; every: boolean }>> = {
  protocol: { members: ['name', 'number'], every: false },
  port_range: { members: ['min', 'max'], every: true },
  icmp_parameters: { members: ['type', 'code'], every: true },
};

function knownByMembers(attribute: string, after: unknown, afterUnknown: unknown): boolean {
  const settled = SETTLED_BY[attribute];
  if (settled === undefined || !isObject(after) || !isObject(afterUnknown)) return false;
  const known = (member: string): boolean =>
    after[member] !== null && after[member] !== undefined && !anyTrue(afterUnknown[member]);
  return settled.every ? settled.members.every(known) : settled.members.some(known);
}

/** Resources of a plan's `resource_changes`, with unknowns from `after_unknown`. */
function changedResources(document: Json, into: Resource[]): void {
  const root = isObject(document.configuration) ? document.configuration.root_module : undefined;
  (document.resource_changes as unknown[]).forEach((entry, index) => {
    if (!isObject(entry) || !isObject(entry.change) || !isObject(entry.change.after)) return;
    const type = scalarText(entry.type);
    const mode = scalarText(entry.mode ?? 'managed');
    const address = scalarText(entry.address);
    const modulePrefix = typeof entry.module_address === 'string' ? `${entry.module_address}.` : '';
    const afterUnknown = isObject(entry.change.after_unknown) ? entry.change.after_unknown : {};
    const after = entry.change.after;
    const expressions =
      root === undefined
        ? undefined
        : configExpressions(root, { modulePrefix, mode, type, name: scalarText(entry.name) });
    into.push({
      address,
      mode,
      type,
      modulePrefix,
      keyScope: '',
      values: entry.change.after,
      pointer: `/resource_changes/${index}/change/after`,
      isUnknown: (attribute) =>
        unknownInPlan(afterUnknown[attribute], expressions, attribute, after[attribute]),
      references:
        expressions === undefined
          ? undefined
          : (attribute) => {
              const expression = expressions[attribute];
              return isObject(expression) && Array.isArray(expression.references)
                ? expression.references.filter((ref): ref is string => typeof ref === 'string')
                : [];
            },
    });
  });
}

/** True for the document `terraform show -json` prints for a plan or for state. */
function isTerraformJson(value: unknown): value is Json {
  return (
    isObject(value) &&
    typeof value.format_version === 'string' &&
    (isObject(value.values) ||
      isObject(value.planned_values) ||
      Array.isArray(value.resource_changes) ||
      typeof value.terraform_version === 'string')
  );
}

/** `terraform show -json` of a plan or of state. */
export const terraformJsonReader: ShapeReader = {
  shapes: ['terraform show -json of a plan or of state'],
  accepts: isTerraformJson,
  read: (value) => {
    const document = value as Json;
    // Not complete: a stack manages part of a project, and a remote group it names by a literal
    // id (often passed in from a variable) is commonly managed elsewhere.
    const result = emptyReadResult();
    const resources: Resource[] = [];
    if (Array.isArray(document.resource_changes)) {
      changedResources(document, resources);
      // Data sources read while planning live in prior_state; they name existing groups.
      const prior = isObject(document.prior_state) ? document.prior_state.values : undefined;
      const data: Resource[] = [];
      if (isObject(prior)) moduleResources(prior.root_module, '/prior_state/values/root_module', data);
      const planned = new Set(resources.map((resource) => resource.address));
      resources.push(
        ...data.filter((resource) => resource.mode === 'data' && !planned.has(resource.address)),
      );
    } else if (isObject(document.planned_values)) {
      moduleResources(document.planned_values.root_module, '/planned_values/root_module', resources);
    } else if (isObject(document.values)) {
      moduleResources(document.values.root_module, '/values/root_module', resources);
    }
    const unknownRules: string[] = [];
    for (const resource of resources) readResource(result, resource, unknownRules);
    const note = unknownRulesNote(unknownRules, 'known only after apply');
    if (note !== undefined) result.notes = [note];
    return result;
  },
};
