/**
 * Builds the model from the records every reader produced: groups with
 * their normalized rules, rules joined to groups, NICs with server names.
 */
import { z } from 'zod';
import { normalizeRule, showValue } from '../model/normalize.js';
import type {
  Model,
  NetworkInterface,
  RuleProblem,
  SecurityGroup,
  SecurityGroupRule,
  SourceRef,
} from '../model/types.js';
import type { RawGroupRecord, RawRuleRecord, ReadResult, RecordSource } from './records.js';

const groupSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string(),
  description: z.string().nullish(),
  labels: z.record(z.string(), z.unknown()).nullish(),
  stateful: z.boolean().nullish(),
  rules: z.array(z.unknown()).nullish(),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sourceOf(file: number, record: RecordSource): SourceRef {
  const source: SourceRef = { file, pointer: record.pointer };
  if (record.position !== undefined) source.position = record.position;
  if (record.logical !== undefined) source.logical = record.logical;
  return source;
}

/** Group-level input problems, reported by `invalid-rule` on the group. */
export interface GroupProblem {
  groupKey: string;
  problem: RuleProblem;
}

export interface BuildState {
  model: Model;
  groupsByJoinKey: Map<string, SecurityGroup>;
  groupProblems: GroupProblem[];
  ruleCount: number;
  /** Server names by id, from every server list read so far (server and NIC lists are separate files). */
  serverNames: Map<string, string>;
}

export function createBuildState(): BuildState {
  return {
    model: { files: [], groups: [], nics: [], complete: false, hasAttachments: false, problems: [] },
    groupsByJoinKey: new Map(),
    groupProblems: [],
    ruleCount: 0,
    serverNames: new Map(),
  };
}

function addRule(state: BuildState, group: SecurityGroup, file: number, record: RawRuleRecord): void {
  state.ruleCount += 1;
  const rule: SecurityGroupRule = normalizeRule({
    raw: record.value,
    key: `r${state.ruleCount}`,
    groupKey: group.key,
    index: group.rules.length,
    source: sourceOf(file, record),
    ...(record.unknown === undefined ? {} : { unknown: record.unknown }),
  });
  group.rules.push(rule);
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
  const parsed = groupSchema.safeParse(value);
  if (!parsed.success) {
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

  for (const joinKey of [group.id, ...(record.joinKeys ?? [])]) {
    if (joinKey !== undefined && !state.groupsByJoinKey.has(joinKey)) state.groupsByJoinKey.set(joinKey, group);
  }

  if (record.rules !== undefined) {
    for (const rule of record.rules) addRule(state, group, file, rule);
  } else if (Array.isArray(value.rules)) {
    value.rules.forEach((rule, index) => {
      addRule(state, group, file, { value: rule, pointer: `${record.pointer}/rules/${index}` });
    });
  } else {
    group.rulesKnown = value.rules === undefined ? false : group.rulesKnown;
  }
}

/** Adds what one document contributed to the model. */
export function addReadResult(state: BuildState, file: number, result: ReadResult): void {
  if (result.complete) state.model.complete = true;
  for (const record of result.groups) addGroup(state, file, record);

  for (const record of result.rules) {
    const ref = record.groupRef ?? '';
    let group = state.groupsByJoinKey.get(ref);
    if (group === undefined) {
      group = {
        key: `g${state.model.groups.length + 1}`,
        id: ref === '' ? undefined : ref,
        name: ref === '' ? '(rules without a group)' : ref,
        description: undefined,
        labels: {},
        stateful: true,
        rules: [],
        source: sourceOf(file, record),
        rulesKnown: false,
        projectId: undefined,
      };
      state.model.groups.push(group);
      state.groupsByJoinKey.set(ref, group);
    }
    addRule(state, group, file, record);
  }

  const { serverNames } = state;
  for (const record of result.servers) {
    const value = record.value;
    if (isObject(value) && typeof value.id === 'string' && typeof value.name === 'string') {
      serverNames.set(value.id, value.name);
    }
  }
  for (const record of result.nics) {
    const value = record.value;
    if (!isObject(value)) continue;
    state.model.hasAttachments = true;
    const nic: NetworkInterface = {
      key: `n${state.model.nics.length + 1}`,
      id: typeof value.id === 'string' ? value.id : undefined,
      name: typeof value.name === 'string' ? value.name : undefined,
      device: typeof value.device === 'string' ? value.device : undefined,
      serverName: undefined,
      securityGroups: Array.isArray(value.securityGroups)
        ? value.securityGroups.filter((id): id is string => typeof id === 'string')
        : null,
      nicSecurity: value.nicSecurity !== false,
      ipv4: typeof value.ipv4 === 'string' ? value.ipv4 : undefined,
      ipv6: typeof value.ipv6 === 'string' ? value.ipv6 : undefined,
      publicIp: typeof value.publicIp === 'string' ? value.publicIp : undefined,
      source: sourceOf(file, record),
      projectId: record.projectId,
    };
    state.model.nics.push(nic);
  }
  for (const nic of state.model.nics) {
    if (nic.serverName === undefined && nic.device !== undefined) {
      nic.serverName = serverNames.get(nic.device);
    }
  }
}
