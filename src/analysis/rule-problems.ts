/**
 * The rule problems of one kind, for the checks that report them.
 */
import type { Model, RuleProblem, RuleProblemKind, SecurityGroup, SecurityGroupRule } from '../model/types.js';

/**
 * Calls `visit` for every problem of `kind`, group by group and rule by
 * rule, in input order. Indexed loops on purpose: rules share one frozen
 * empty problem list while others hold their own, and over such a mix a
 * `for...of` is not optimised away; it allocated an iterator per rule
 * (some 9 MB per check on 100,000 rules).
 */
export function forEachProblem(
  model: Model,
  kind: RuleProblemKind,
  visit: (rule: SecurityGroupRule, problem: RuleProblem) => void,
): void {
  const { groups } = model;
  for (let at = 0; at < groups.length; at += 1) {
    const rules = (groups[at] as SecurityGroup).rules;
    for (let position = 0; position < rules.length; position += 1) {
      const rule = rules[position] as SecurityGroupRule;
      const { problems } = rule;
      for (let index = 0; index < problems.length; index += 1) {
        const problem = problems[index] as RuleProblem;
        if (problem.kind === kind) visit(rule, problem);
      }
    }
  }
}
