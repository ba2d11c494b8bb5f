/**
 * Builds the model from the records every reader produced. Groups are added
 * as documents arrive; rules given apart from their group, NICs and servers
 * wait until every document is read (`finishModel`), because their group or
 * server may come in another file.
 */
import { showValue } from '../model/normalize.js';
import type { Model, RuleProblem, SecurityGroup, SourceRef } from '../model/types.js';
import type { RawGroupRecord, RawNicRecord, RawRuleRecord, RawServerRecord, ReadResult, RecordSource } from './records.js';
import { addRule, addRuleValue, joinRules } from './join-rules.js';
import { mergeDuplicateGroups } from './duplicates.js';
import { buildAttachments } from './attachments.js';
import { conformsToGroupSchema, groupSchema } from './group-schema.js';

/** True for a plain (non-array) object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The model's source reference for a record of a file. */
export function sourceOf(file: number, record: RecordSource): SourceRef {
  const source: SourceRef = { file, pointer: record.pointer };
  if (record.position !== undefined) source.position = record.position;
  if (record.logical !== undefined) source.logical = record.logical;
  if (record.fields !== undefined) source.fields = record.fields;
  return source;
}

/** Group-level input problems, reported by `invalid-rule` on the group. */
export interface GroupProblem {
  groupKey: string;
  problem: RuleProblem;
}

/** A record waiting for `finishModel`, with the file it came from. */
export interface Pending<Record> {
  file: number;
  record: Record;
}

/** Everything the builder keeps between documents. */
export interface BuildState {
  model: Model;
  groupProblems: GroupProblem[];
  ruleCount: number;
  rules: Pending<RawRuleRecord>[];
  nics: Pending<RawNicRecord>[];
  servers: Pending<RawServerRecord>[];
}

/** A fresh, empty build. */
export function createBuildState(): BuildState {
  return {
    model: { files: [], groups: [], nics: [], complete: false, hasAttachments: false, problems: [] },
    groupProblems: [],
    ruleCount: 0,
    rules: [],
    nics: [],
    servers: [],
  };
}

function addGroup(state: BuildState, file: number, record: RawGroupRecord): void {
  const { value } = record;
  const key = `g${state.model.groups.length + 1}`;
  const group: SecurityGroup = {
    key,
    id: undefined,
    name: '',
    description: undefined,
    labels: {},
    stateful: true,
    rules: [],
    source: sourceOf(file, record),
    rulesKnown: true,
    projectId: record.projectId,
  };
  if (record.joinKeys !== undefined && record.joinKeys.length > 0) group.refs = [...record.joinKeys];
  if (record.external === true) group.external = true;
  state.model.groups.push(group);

  const problem = (message: string, path: string): void => {
    state.groupProblems.push({
      groupKey: key,
      problem: { kind: 'invalid', message, pointer: record.pointer + path },
    });
  };

  if (!isObject(value)) {
    group.name = `(item ${record.pointer || '/'})`;
    group.rulesKnown = false;
    problem(`a security group must be an object, got ${showValue(value)}`, '');
    return;
  }
  // A group the input only names (a Terraform data source) sends nothing to the API: its
  // missing name is an output still to be read, not a mistake.
  const parsed =
    record.external === true || conformsToGroupSchema(value) ? undefined : groupSchema.safeParse(value);
  if (parsed !== undefined && !parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('/');
      const shown = field === '' ? 'group' : field.replace(/\//g, '.');
      const actual = field === '' ? value : (value as Record<string, unknown>)[String(issue.path[0])];
      problem(
        actual === undefined ? `${shown} is missing` : `${shown} is ${showValue(actual)}; ${issue.message}`,
        field === '' ? '' : `/${field}`,
      );
    }
  }
  if (typeof value.id === 'string') group.id = value.id;
  group.name = typeof value.name === 'string' ? value.name : (group.id ?? '(unnamed)');
  if (typeof value.description === 'string') group.description = value.description;
  if (value.stateful === false) group.stateful = false;
  if (isObject(value.labels)) {
    const labels: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [labelKey, labelValue] of Object.entries(value.labels)) {
      if (typeof labelValue === 'string') labels[labelKey] = labelValue;
    }
    group.labels = labels;
  }

  if (record.rules !== undefined) {
    for (const rule of record.rules) addRule(state, group, file, rule);
  } else if (Array.isArray(value.rules)) {
    addRuleList(state, group, file, record, value.rules);
  } else {
    // Neither absent nor null rules say which rules the group has.
    group.rulesKnown = value.rules === undefined || value.rules === null ? false : group.rulesKnown;
  }
}

/** Adds the rules of a group's own `rules` list, each at its place in the list. */
function addRuleList(
  state: BuildState,
  group: SecurityGroup,
  file: number,
  record: RawGroupRecord,
  rules: readonly unknown[],
): void {
  const base = `${record.pointer}/rules/`;
  for (let index = 0; index < rules.length; index += 1) {
    // Only a list built by hand can have holes; JSON never does.
    if (!(index in rules)) continue;
    const rule = rules[index];
    const source: SourceRef = { file, pointer: base + index };
    if (record.logical !== undefined) {
      const id = isObject(rule) && typeof rule.id === 'string' ? rule.id : String(index);
      source.logical = `${record.logical}/rules/${id}`;
    }
    addRuleValue(state, group, rule, source);
  }
}

/** Adds what one document contributed to the model. */
export function addReadResult(state: BuildState, file: number, result: ReadResult): void {
  if (result.complete) state.model.complete = true;
  for (const record of result.groups) addGroup(state, file, record);
  for (const record of result.rules) state.rules.push({ file, record });
  for (const record of result.nics) state.nics.push({ file, record });
  for (const record of result.servers) state.servers.push({ file, record });
  const path = state.model.files[file]?.path ?? '<unknown>';
  for (const message of result.notes ?? []) state.model.problems.push({ file: path, message, fatal: false });
}

/** Joins what waited for every document: rules to groups, duplicates, NICs to groups and servers. */
export function finishModel(state: BuildState): Model {
  joinRules(state);
  mergeDuplicateGroups(state);
  buildAttachments(state);
  return state.model;
}
