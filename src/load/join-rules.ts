/**
 * Joins rules given apart from their group (rule lists, Terraform rule
 * resources) to the group they name, by id or by Terraform reference. A
 * rule whose group is not in the input gets a placeholder group whose
 * rules are not all known, and a note says which checks skipped it.
 */
import { normalizeRuleOf } from '../model/normalize.js';
import type { SecurityGroup, SecurityGroupRule, SourceRef, UnknownField } from '../model/types.js';
import type { BuildState } from './build.js';
import { isObject, sourceOf } from './build.js';
import { ruleSignature } from './duplicates.js';
import { TERRAFORM_KEY, type RawRuleRecord } from './records.js';

/** Normalizes a rule record and appends it to a group. */
export function addRule(state: BuildState, group: SecurityGroup, file: number, record: RawRuleRecord): void {
  addRuleValue(state, group, record.value, sourceOf(file, record), record.unknown);
}

/** Normalizes one rule value found at `source` and appends it to a group. */
export function addRuleValue(
  state: BuildState,
  group: SecurityGroup,
  value: unknown,
  source: SourceRef,
  unknown?: readonly UnknownField[],
): void {
  state.ruleCount += 1;
  const rule = normalizeRuleOf(value, `r${state.ruleCount}`, group.key, group.rules.length, source, unknown);
  group.rules.push(rule);
}

/** Every key that names a group: its id and its refs; the first group wins. */
export function groupKeys(groups: readonly SecurityGroup[]): Map<string, SecurityGroup> {
  const keys = new Map<string, SecurityGroup>();
  for (const group of groups) {
    for (const key of [group.id, ...(group.refs ?? [])]) {
      if (key !== undefined && !keys.has(key)) keys.set(key, group);
    }
  }
  return keys;
}

/** A remote group named by a Terraform reference that is not in the input is unknown, not missing. */
function withUnresolvedRemote(
  record: RawRuleRecord,
  keys: ReadonlyMap<string, SecurityGroup>,
): RawRuleRecord {
  const remote = isObject(record.value) ? record.value.remoteSecurityGroupId : undefined;
  if (typeof remote !== 'string' || !remote.startsWith(TERRAFORM_KEY) || keys.has(remote)) return record;
  const unknown: UnknownField[] = [...new Set<UnknownField>([...(record.unknown ?? []), 'remote'])];
  return { ...record, unknown };
}

/** The resource address in a Terraform join key (`terraform:dir#stackit_security_group.web`). */
function addressOf(key: string): string {
  const rest = key.slice(TERRAFORM_KEY.length);
  return rest.slice(rest.indexOf('#') + 1);
}

function placeholder(state: BuildState, file: number, record: RawRuleRecord, ref: string): SecurityGroup {
  const terraform = ref.startsWith(TERRAFORM_KEY);
  const group: SecurityGroup = {
    key: `g${state.model.groups.length + 1}`,
    id: ref === '' || terraform ? undefined : ref,
    name: ref === '' ? '(rules without a group)' : terraform ? addressOf(ref) : ref,
    description: undefined,
    labels: {},
    stateful: true,
    rules: [],
    source: sourceOf(file, record),
    rulesKnown: false,
    projectId: undefined,
  };
  if (terraform) group.refs = [ref];
  state.model.groups.push(group);
  return group;
}

/**
 * A rule id the group already holds (a rule list beside the group export): a copy that allows
 * the same traffic is dropped; one that differs is kept and linted beside the other, with an
 * `invalid-rule` finding, because sglint cannot tell which of the two is current.
 */
function keepDifferentCopy(state: BuildState, group: SecurityGroup, first: SecurityGroupRule): void {
  const added = group.rules[group.rules.length - 1] as SecurityGroupRule;
  if (ruleSignature(added) === ruleSignature(first)) {
    group.rules.pop();
    return;
  }
  const where = state.model.files[first.source.file]?.path ?? '<unknown>';
  added.problems = [
    ...added.problems,
    {
      kind: 'invalid',
      message:
        `rule ${added.id ?? ''} also appears in ${where} with different values; ` +
        'sglint does not merge them and checks both copies',
      pointer: `${added.source.pointer}/id`,
    },
  ];
}

/**
 * A Terraform rule whose `security_group_id` sglint cannot follow (a module variable, a `count`
 * instance) may add to any group of the input, so no Terraform group's rules are known to be
 * all there: checks that need every rule of a group skip them, and a note says so.
 */
function unsettleTerraformGroups(state: BuildState, loose: number, file: number): void {
  let unsettled = 0;
  for (const group of state.model.groups) {
    if (group.source.fields === undefined || group.external === true || !group.rulesKnown) continue;
    group.rulesKnown = false;
    unsettled += 1;
  }
  if (unsettled === 0) return;
  const rules = loose === 1 ? '1 Terraform rule names a group' : `${loose} Terraform rules name groups`;
  state.model.problems.push({
    file: state.model.files[file]?.path ?? '<unknown>',
    message:
      `${rules} that sglint cannot follow (a variable, a module input, a count or for_each instance), ` +
      'so any group of the input may have more rules: checks that need every rule of a group ' +
      `(missing-egress, stateless-missing-return) skipped ${unsettled === 1 ? '1 group' : `${unsettled} groups`}`,
    fatal: false,
  });
}

/** Joins every pending rule; notes each file whose rules came without their group. */
export function joinRules(state: BuildState): void {
  const keys = groupKeys(state.model.groups);
  // A group of the rule's own document comes first: a Terraform state beside an export of the same groups.
  const ownKeys = new Map<string, SecurityGroup>();
  for (const group of state.model.groups) {
    for (const key of [group.id, ...(group.refs ?? [])]) {
      const fileKey = `${group.source.file}\u0000${key ?? ''}`;
      if (key !== undefined && !ownKeys.has(fileKey)) ownKeys.set(fileKey, group);
    }
  }
  const placeholders = new Map<number, SecurityGroup[]>();
  const completed = new Set<SecurityGroup>();
  /** Terraform rules that name no group sglint can follow (a variable, one of several instances). */
  let looseTerraformRules = 0;
  let looseFile = 0;
  for (const { file, record } of state.rules) {
    const ref = record.groupRef ?? '';
    // A rule that names no group (a create payload, `security_group_id = var.sg`) may belong to
    // any group: it gets a placeholder of its own, so that no union, duplicate or return-path
    // analysis pairs it with a rule of what may be another group.
    let group = ref === '' ? undefined : (ownKeys.get(`${file}\u0000${ref}`) ?? keys.get(ref));
    if (group === undefined) {
      if (record.fields !== undefined && ref === '') {
        if (looseTerraformRules === 0) looseFile = file;
        looseTerraformRules += 1;
      }
      group = placeholder(state, file, record, ref);
      if (ref !== '') keys.set(ref, group);
      const list = placeholders.get(file) ?? [];
      list.push(group);
      placeholders.set(file, list);
    } else if (!group.rulesKnown && group.rules.length === 0 && record.listed === true) {
      completed.add(group);
    }
    const id = isObject(record.value) ? record.value.id : undefined;
    const copyOf = typeof id === 'string' ? group.rules.find((rule) => rule.id === id) : undefined;
    addRule(state, group, file, withUnresolvedRemote(record, keys));
    if (copyOf !== undefined) keepDifferentCopy(state, group, copyOf);
  }
  for (const group of completed) group.rulesKnown = true;
  if (looseTerraformRules > 0) unsettleTerraformGroups(state, looseTerraformRules, looseFile);

  for (const [file, groups] of placeholders) {
    const names = [...new Set(groups.map((group) => `"${group.name}"`))];
    const shown =
      names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
    const one = names.length === 1;
    state.model.problems.push({
      file: state.model.files[file]?.path ?? '<unknown>',
      message:
        `${one ? 'group' : 'groups'} ${shown} ${one ? 'is' : 'are'} known only by ` +
        'rules here: checks that need every rule of a group (missing-egress, stateless-missing-return) ' +
        'skipped them; pass the group list too to check them',
      fatal: false,
    });
  }
}
