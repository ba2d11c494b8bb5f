/**
 * The same group id may arrive twice: the same export given twice, or an
 * export beside a Terraform state of the same project. Copies that match
 * the same traffic are merged silently; copies that differ are both kept
 * and linted, and the later copy gets an `invalid-rule` finding, because
 * sglint cannot tell which one is true.
 */
import { trafficKey } from '../analysis/traffic.js';
import type { SecurityGroup, SecurityGroupRule } from '../model/types.js';
import type { BuildState } from './build.js';

/** What two copies of a rule must share to be the same rule: their traffic, or their problems. */
export function ruleSignature(rule: SecurityGroupRule): string {
  if (rule.analysable) return trafficKey(rule);
  return `raw:${rule.unknown.join(',')}:${rule.problems.map((problem) => problem.message).join('|')}`;
}

/** What two copies must share to be the same group: statefulness and the multiset of rules. */
export function groupSignature(group: SecurityGroup): string {
  const rules = group.rules.map(ruleSignature).sort();
  return [group.stateful ? 'stateful' : 'stateless', ...rules].join('\n');
}

function isEmptyCopy(group: SecurityGroup): boolean {
  return !group.rulesKnown && group.rules.length === 0;
}

/** Merges identical copies of a group id and flags conflicting ones. */
export function mergeDuplicateGroups(state: BuildState): void {
  const { model } = state;
  const firstById = new Map<string, SecurityGroup>();
  const dropped = new Set<SecurityGroup>();
  for (const group of model.groups) {
    if (group.id === undefined) continue;
    const first = firstById.get(group.id);
    if (first === undefined) {
      firstById.set(group.id, group);
      continue;
    }
    if (isEmptyCopy(group)) {
      dropped.add(group);
    } else if (isEmptyCopy(first)) {
      dropped.add(first);
      firstById.set(group.id, group);
    } else if (groupSignature(first) === groupSignature(group)) {
      dropped.add(group);
    } else {
      const where = model.files[first.source.file]?.path ?? '<unknown>';
      state.groupProblems.push({
        groupKey: group.key,
        problem: {
          kind: 'invalid',
          message:
            `group ${group.id} also appears in ${where} with different rules; ` +
            'sglint does not merge them and checks both copies',
          pointer: `${group.source.pointer}/id`,
        },
      });
    }
  }
  if (dropped.size === 0) return;
  for (const group of dropped) {
    const keeper = firstById.get(group.id as string);
    if (keeper !== undefined && keeper !== group) {
      keeper.refs = [...new Set([...(keeper.refs ?? []), ...(group.refs ?? [])])];
      if (keeper.refs.length === 0) delete keeper.refs;
    }
  }
  model.groups = model.groups.filter((group) => !dropped.has(group));
}
