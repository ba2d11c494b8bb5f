/**
 * Runs the enabled checks over a model and turns what they report into
 * located, fingerprinted, sorted findings.
 */
import * as crypto from 'node:crypto';
import { GroupAnalysis, DEFAULT_WORK_BUDGET } from '../analysis/group-analysis.js';
import { trafficKey } from '../analysis/traffic.js';
import type { GroupProblem } from '../load/build.js';
import { locateHclPointers } from '../load/hcl-positions.js';
import { locateEach } from '../load/positions.js';
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

const NOWHERE: Position = { line: 1, column: 1, endLine: 1, endColumn: 1 };
const NO_RULES: readonly SecurityGroupRule[] = [];

/**
 * Positions of every pointer the pending findings name, in order: per
 * entry its own pointer, then the pointers of its related rules in the
 * order of `relatedOf`. Reading them back in that order needs no map keyed
 * by pointer text.
 */
function locateAll(
  model: Model,
  pending: readonly Pending[],
  relatedOf: readonly (readonly SecurityGroupRule[])[],
): Position[] {
  const result: Position[] = [];
  // Per file: the pointers to locate (repeats are left in, the locators read each once anyway),
  // and the place in `result` of each.
  const wanted = new Map<number, { pointers: string[]; places: number[] }>();
  const want = (source: SourceRef, pointer: string): void => {
    const place = result.push(source.position ?? NOWHERE) - 1;
    if (source.position !== undefined) return;
    let list = wanted.get(source.file);
    if (list === undefined) wanted.set(source.file, (list = { pointers: [], places: [] }));
    list.pointers.push(pointer);
    list.places.push(place);
  };
  for (let at = 0; at < pending.length; at += 1) {
    const entry = pending[at] as Pending;
    want(entry.source, entry.pointer);
    for (const rule of relatedOf[at] as readonly SecurityGroupRule[]) want(rule.source, rule.source.pointer);
  }
  for (const [file, { pointers, places }] of wanted) {
    const text = model.files[file]?.text ?? '';
    let located: Position[];
    if (model.files[file]?.format === 'hcl') {
      const byPointer = locateHclPointers(text, pointers);
      located = pointers.map((pointer) => byPointer.get(pointer) ?? NOWHERE);
    } else {
      located = locateEach(text, pointers);
    }
    for (let at = 0; at < places.length; at += 1) result[places[at] as number] = located[at] as Position;
  }
  return result;
}

/** Rules by their order in the group (a copy only when they are not in it yet). */
function byIndex(rules: readonly SecurityGroupRule[] | undefined): readonly SecurityGroupRule[] {
  if (rules === undefined) return NO_RULES;
  for (let at = 1; at < rules.length; at += 1) {
    if ((rules[at - 1] as SecurityGroupRule).index > (rules[at] as SecurityGroupRule).index) {
      return [...rules].sort((a, b) => a.index - b.index);
    }
  }
  return rules;
}

/** The hex SHA-256 of a text; the one-shot `crypto.hash` where this Node has it (20.12+). */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Fingerprint before numbering: the check, the group, the NIC and the traffic of the rules involved. */
function baseFingerprint(
  entry: Pending,
  related: readonly SecurityGroupRule[],
  identity: (rule: SecurityGroupRule) => string,
): string {
  const { input } = entry;
  let text = `${entry.check}\n${groupIdentity(entry.group)}\n${nicIdentity(input.nic)}`;
  // The traffic keys in text order; one or two (nearly every finding) are placed without a sort.
  const first = input.rule !== undefined ? identity(input.rule) : undefined;
  if (related.length === 0) {
    if (first !== undefined) text += `\n${first}`;
  } else if (related.length === 1 && first !== undefined) {
    const second = identity(related[0] as SecurityGroupRule);
    text += second < first ? `\n${second}\n${first}` : `\n${first}\n${second}`;
  } else {
    const traffic: string[] = first === undefined ? [] : [first];
    for (const rule of related) traffic.push(identity(rule));
    if (traffic.length > 1) traffic.sort();
    for (const key of traffic) text += `\n${key}`;
  }
  return sha256Hex(text).slice(0, 32);
}

function resolve(model: Model, pending: readonly Pending[], suppressions?: SuppressionLookup): Finding[] {
  const relatedOf = pending.map((entry) => byIndex(entry.input.related));
  const positions = locateAll(model, pending, relatedOf);
  let place = 0;
  const fileOf = (source: SourceRef): string => model.files[source.file]?.path ?? '<unknown>';
  const identities = new Map<SecurityGroupRule, string>();
  const identity = (rule: SecurityGroupRule): string => {
    let key = identities.get(rule);
    if (key === undefined) identities.set(rule, (key = ruleIdentity(rule)));
    return key;
  };

  const findings: Finding[] = pending.map((entry, at) => {
    const { input, group } = entry;
    // Positions come in the order `locateAll` asked for them.
    const position = positions[place++] as Position;
    const related = relatedOf[at] as readonly SecurityGroupRule[];
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
        const spot = positions[place++] as Position;
        return {
          file: fileOf(rule.source),
          line: spot.line,
          column: spot.column,
          pointer: rule.source.pointer,
          rule: { id: rule.id ?? null },
        };
      }),
      fingerprint: baseFingerprint(entry, related, identity),
    };
    if (entry.source.logical !== undefined) finding.logical = entry.source.logical;
    const justification =
      group === undefined || suppressions === undefined ? undefined : suppressions(group).get(entry.check);
    if (justification !== undefined) finding.suppressed = { kind: 'label', justification };
    return finding;
  });

  findings.sort(compareFindings);
  const deduplicated = withoutRepeats(findings);
  numberCollisions(deduplicated);
  return deduplicated;
}

/** Sorted findings without those equal in place, check, message and fingerprint to the one before. */
function withoutRepeats(findings: Finding[]): Finding[] {
  let kept = 0;
  for (const finding of findings) {
    const previous = findings[kept - 1];
    if (
      previous === undefined ||
      previous.fingerprint !== finding.fingerprint ||
      compareFindings(previous, finding) !== 0
    ) {
      findings[kept] = finding;
      kept += 1;
    }
  }
  findings.length = kept;
  return findings;
}

/**
 * Findings that share a base fingerprint (same check, group and traffic)
 * get `:1`, `:2`, … in the order of their position-free message, so that
 * reordering the input does not swap their fingerprints.
 */
function numberCollisions(findings: readonly Finding[]): void {
  // The first finding of each base, and the list of all of them once a second one shares it.
  const firsts = new Map<string, Finding>();
  const byBase = new Map<string, Finding[]>();
  for (const finding of findings) {
    const first = firsts.get(finding.fingerprint);
    if (first === undefined) {
      firsts.set(finding.fingerprint, finding);
      continue;
    }
    const list = byBase.get(finding.fingerprint);
    if (list === undefined) byBase.set(finding.fingerprint, [first, finding]);
    else list.push(finding);
  }
  for (const list of byBase.values()) {
    const ordered = list
      .map((finding) => ({ finding, key: orderFreeMessage(finding.message) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    ordered.forEach(({ finding }, count) => {
      if (count > 0) finding.fingerprint = `${finding.fingerprint}:${count}`;
    });
  }
}
