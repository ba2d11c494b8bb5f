/**
 * Runs the enabled checks over a model and turns what they report into
 * located, fingerprinted, sorted findings.
 */
import { createHash } from 'node:crypto';
import { GroupAnalysis, DEFAULT_WORK_BUDGET } from '../analysis/group-analysis.js';
import { trafficKey } from '../analysis/traffic.js';
import type { GroupProblem } from '../load/build.js';
import { locateHclPointers } from '../load/hcl-positions.js';
import { locatePointers } from '../load/positions.js';
import type {
  Model,
  NetworkInterface,
  Position,
  SecurityGroup,
  SecurityGroupRule,
  Severity,
  SourceRef,
} from '../model/types.js';
import type { Check, ReportInput, SharedSettings } from './check.js';
import { compareFindings, type Finding } from './finding.js';

export interface EnabledCheck {
  check: Check<unknown>;
  severity: Severity;
  options: unknown;
  /**
   * Limits the entry to findings about some groups (per-group overrides
   * run a check once per distinct setting). Findings about no group go to
   * the entry without a limit.
   */
  appliesTo?: (group: SecurityGroup | undefined) => boolean;
}

export interface CheckFailure {
  check: string;
  message: string;
}

/** Ids listed in a group's suppression labels, with the justification to record. */
export type SuppressionLookup = (group: SecurityGroup) => ReadonlyMap<string, string>;

export interface RunResult {
  findings: Finding[];
  failures: CheckFailure[];
  /** Group names whose analysis hit the work bound (findings may be missing). */
  incomplete: string[];
}

interface Pending {
  check: string;
  severity: Severity;
  input: ReportInput;
  /** The input's group, or the group of its rule. */
  group: SecurityGroup | undefined;
  source: SourceRef;
  pointer: string;
}

function groupIdentity(group: SecurityGroup | undefined): string {
  if (group === undefined) return '';
  return group.id !== undefined ? `id:${group.id}` : `name:${group.name}`;
}

function nicIdentity(nic: NetworkInterface | undefined): string {
  if (nic === undefined) return '';
  return nic.id !== undefined ? `nic:${nic.id}` : `nic-name:${nic.name ?? ''}`;
}

/** A message with rule positions (`#3`) blanked, so ordering by it ignores input order. */
function orderFreeMessage(message: string): string {
  return message.replace(/#\d+/g, '#');
}

function ruleIdentity(rule: SecurityGroupRule): string {
  return rule.analysable ? trafficKey(rule) : `raw:${rule.problems.map((problem) => problem.message).join('|')}`;
}

/** A group-level finding points at the group's name rather than the whole object. */
function defaultPointer(input: ReportInput, source: SourceRef): string {
  const groupOnly = input.rule === undefined && input.nic === undefined && input.source === undefined;
  return groupOnly && source.position === undefined ? `${source.pointer}/name` : source.pointer;
}

/**
 * Rewrites the first field of a pointer below an object whose file names its
 * fields differently (Terraform `ip_range` for the API's `ipRange`).
 */
export function translatePointer(pointer: string, source: SourceRef): string {
  const { fields } = source;
  if (fields === undefined || !pointer.startsWith(`${source.pointer}/`)) return pointer;
  const rest = pointer.slice(source.pointer.length + 1);
  const cut = rest.indexOf('/');
  const field = cut === -1 ? rest : rest.slice(0, cut);
  const renamed = fields[field];
  if (renamed === undefined) return pointer;
  return `${source.pointer}/${renamed}${cut === -1 ? '' : rest.slice(cut)}`;
}

/** Runs checks and resolves their findings. */
export function runChecks(
  model: Model,
  checks: readonly EnabledCheck[],
  settings: SharedSettings,
  groupProblems: readonly GroupProblem[],
  workBudget = DEFAULT_WORK_BUDGET,
  suppressions?: SuppressionLookup,
): RunResult {
  const analysis = new GroupAnalysis(model, workBudget);
  const pending: Pending[] = [];
  const failures: CheckFailure[] = [];
  const groupsByKey = new Map(model.groups.map((group) => [group.key, group]));

  const failed = new Set<string>();

  for (const { check, severity, options, appliesTo } of checks) {
    const report = (input: ReportInput): void => {
      const group = input.group ?? (input.rule ? groupsByKey.get(input.rule.groupKey) : undefined);
      if (appliesTo !== undefined && !appliesTo(group)) return;
      const source = input.rule?.source ?? input.nic?.source ?? input.source ?? group?.source;
      if (source === undefined) return;
      pending.push({
        check: check.id,
        severity: input.severity ?? severity,
        input,
        group,
        source,
        pointer: translatePointer(input.pointer ?? defaultPointer(input, source), source),
      });
    };
    try {
      check.check({ model, options, settings, analysis, groupProblems, report });
    } catch (error) {
      if (!failed.has(check.id)) {
        failures.push({ check: check.id, message: error instanceof Error ? error.message : String(error) });
      }
      failed.add(check.id);
    }
  }

  const findings = resolve(model, pending, suppressions);
  return {
    findings,
    failures,
    incomplete: [...analysis.incomplete].map((group) => group.name).sort(),
  };
}

function resolve(model: Model, pending: readonly Pending[], suppressions?: SuppressionLookup): Finding[] {
  const wanted = new Map<number, Set<string>>();
  const want = (source: SourceRef, pointer: string): void => {
    if (source.position !== undefined) return;
    let set = wanted.get(source.file);
    if (set === undefined) wanted.set(source.file, (set = new Set()));
    set.add(pointer);
  };
  for (const entry of pending) {
    want(entry.source, entry.pointer);
    for (const rule of entry.input.related ?? []) want(rule.source, rule.source.pointer);
  }
  const positions = new Map<number, Map<string, Position>>();
  for (const [file, pointers] of wanted) {
    const text = model.files[file]?.text ?? '';
    const locate = model.files[file]?.format === 'hcl' ? locateHclPointers : locatePointers;
    positions.set(file, locate(text, [...pointers]));
  }
  const positionOf = (source: SourceRef, pointer: string): Position =>
    source.position ??
    positions.get(source.file)?.get(pointer) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 };
  const fileOf = (source: SourceRef): string => model.files[source.file]?.path ?? '<unknown>';

  const findings: Finding[] = pending.map((entry) => {
    const { input, group } = entry;
    const position = positionOf(entry.source, entry.pointer);
    const related = [...(input.related ?? [])].sort((a, b) => a.index - b.index);
    const traffic = [input.rule, ...related]
      .filter((rule): rule is SecurityGroupRule => rule !== undefined)
      .map(ruleIdentity)
      .sort();
    const base = createHash('sha256')
      .update([entry.check, groupIdentity(group), nicIdentity(input.nic), ...traffic].join('\n'))
      .digest('hex')
      .slice(0, 32);
    const finding: Finding = {
      check: entry.check,
      severity: entry.severity,
      message: input.message,
      file: fileOf(entry.source),
      line: position.line,
      column: position.column,
      endLine: position.endLine,
      endColumn: position.endColumn,
      pointer: entry.pointer,
      securityGroup: group === undefined ? null : { id: group.id ?? null, name: group.name },
      rule: input.rule === undefined ? null : { id: input.rule.id ?? null },
      related: related.map((rule) => {
        const at = positionOf(rule.source, rule.source.pointer);
        return {
          file: fileOf(rule.source),
          line: at.line,
          column: at.column,
          pointer: rule.source.pointer,
          rule: { id: rule.id ?? null },
        };
      }),
      fingerprint: base,
    };
    if (entry.source.logical !== undefined) finding.logical = entry.source.logical;
    const justification =
      group === undefined || suppressions === undefined ? undefined : suppressions(group).get(entry.check);
    if (justification !== undefined) finding.suppressed = { kind: 'label', justification };
    return finding;
  });

  findings.sort(compareFindings);
  const deduplicated = findings.filter((finding, index) => {
    const previous = findings[index - 1];
    return (
      previous === undefined ||
      compareFindings(previous, finding) !== 0 ||
      previous.fingerprint !== finding.fingerprint
    );
  });
  numberCollisions(deduplicated);
  return deduplicated;
}

/**
 * Findings that share a base fingerprint (same check, group and traffic)
 * get `:1`, `:2`, … in the order of their position-free message, so that
 * reordering the input does not swap their fingerprints.
 */
function numberCollisions(findings: readonly Finding[]): void {
  const byBase = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byBase.get(finding.fingerprint);
    if (list === undefined) byBase.set(finding.fingerprint, [finding]);
    else list.push(finding);
  }
  for (const list of byBase.values()) {
    if (list.length < 2) continue;
    const ordered = list
      .map((finding) => ({ finding, key: orderFreeMessage(finding.message) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    ordered.forEach(({ finding }, count) => {
      if (count > 0) finding.fingerprint = `${finding.fingerprint}:${count}`;
    });
  }
}
