/**
 * Normalizes one security-group rule in API shape (the read shape, or the
 * create payload with a bare protocol) into the model, with the semantics
 * of DESIGN §1: absent protocol = every protocol, absent port range =
 * every port, absent remote = every address of the family.
 */
import { z } from 'zod';
import { cidrProblem, parseCidr, sameUnderOctal } from '../analysis/cidr.js';
import {
  ICMP,
  PROTOCOL_NUMBERS,
  exactProtocolNumber,
  isIcmpProtocol,
  isPortProtocol,
  protocolName,
  protocolNumber,
  protocolText,
} from './protocols.js';
import type {
  Direction,
  Family,
  Remote,
  RuleProblemKind,
  SecurityGroupRule,
  SourceRef,
  UnknownField,
} from './types.js';

const port = z.number().int().min(0).max(65535);
const byte = z.number().int().min(0).max(255);

/** The rule as the API and the CLI write it; unknown keys are kept. */
export const apiRuleSchema = z.looseObject({
  id: z.string().nullish(),
  securityGroupId: z.string().nullish(),
  direction: z.enum(['ingress', 'egress']),
  ethertype: z.enum(['IPv4', 'IPv6']).nullish(),
  protocol: z
    .union([z.looseObject({ name: z.string().nullish(), number: byte.nullish() }), z.string(), byte])
    .nullish(),
  portRange: z.looseObject({ min: port, max: port }).nullish(),
  icmpParameters: z.looseObject({ type: byte, code: byte }).nullish(),
  ipRange: z.string().nullish(),
  remoteSecurityGroupId: z.string().nullish(),
  description: z.string().nullish(),
});

const isNullish = (value: unknown): boolean => value === undefined || value === null;
const optionalString = (value: unknown): boolean => isNullish(value) || typeof value === 'string';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const inRange = (value: unknown, max: number): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max;

/**
 * The fields of a rule record that normalization reads. Input objects come
 * in many key orders (so many hidden classes) and each property read on
 * them is slow; reading each field once into this one-shape object keeps
 * the per-rule cost down.
 */
interface RuleFields {
  id: unknown;
  securityGroupId: unknown;
  direction: unknown;
  ethertype: unknown;
  protocol: unknown;
  portRange: unknown;
  icmpParameters: unknown;
  ipRange: unknown;
  remoteSecurityGroupId: unknown;
  description: unknown;
}

function readFields(record: Record<string, unknown>): RuleFields {
  return {
    id: record.id,
    securityGroupId: record.securityGroupId,
    direction: record.direction,
    ethertype: record.ethertype,
    protocol: record.protocol,
    portRange: record.portRange,
    icmpParameters: record.icmpParameters,
    ipRange: record.ipRange,
    remoteSecurityGroupId: record.remoteSecurityGroupId,
    description: record.description,
  };
}

/**
 * A cheap check that `record` satisfies `apiRuleSchema`: it accepts only
 * what the schema accepts, so a rule that passes needs no zod run; any
 * other rule goes to zod, which stays the validator of record and writes
 * the messages.
 */
export function conformsToApiRule(record: Record<string, unknown>): boolean {
  return fieldsConform(readFields(record));
}

function fieldsConform(fields: RuleFields): boolean {
  const { direction, ethertype, protocol, portRange, icmpParameters } = fields;
  if (direction !== 'ingress' && direction !== 'egress') return false;
  if (!isNullish(ethertype) && ethertype !== 'IPv4' && ethertype !== 'IPv6') return false;
  if (
    !optionalString(fields.id) ||
    !optionalString(fields.securityGroupId) ||
    !optionalString(fields.ipRange) ||
    !optionalString(fields.remoteSecurityGroupId) ||
    !optionalString(fields.description)
  ) {
    return false;
  }
  if (!isNullish(protocol) && typeof protocol !== 'string' && !inRange(protocol, 255)) {
    if (!isObject(protocol)) return false;
    if (!optionalString(protocol.name)) return false;
    if (!isNullish(protocol.number) && !inRange(protocol.number, 255)) return false;
  }
  if (!isNullish(portRange)) {
    if (!isObject(portRange)) return false;
    if (!inRange(portRange.min, 65535) || !inRange(portRange.max, 65535)) return false;
  }
  if (!isNullish(icmpParameters)) {
    if (!isObject(icmpParameters)) return false;
    if (!inRange(icmpParameters.type, 255) || !inRange(icmpParameters.code, 255)) return false;
  }
  return true;
}

const EXPECTED: Record<string, string> = {
  id: 'a string',
  securityGroupId: 'a string',
  direction: '"ingress" or "egress"',
  ethertype: '"IPv4" or "IPv6"',
  protocol: 'an object {name, number}, a protocol name or a number 0-255',
  'protocol/name': 'a protocol name such as "tcp"',
  'protocol/number': 'an integer from 0 to 255',
  portRange: 'an object {min, max}',
  'portRange/min': 'an integer from 0 to 65535',
  'portRange/max': 'an integer from 0 to 65535',
  icmpParameters: 'an object {type, code}',
  'icmpParameters/type': 'an integer from 0 to 255',
  'icmpParameters/code': 'an integer from 0 to 255',
  ipRange: 'a CIDR string',
  remoteSecurityGroupId: 'a security group id',
  description: 'a string',
};

/** Escapes one JSON pointer segment. */
export function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Nesting past which a value is only named by its type in messages. */
const PREVIEW_DEPTH = 32;
/** Values past which a structure is only named by its type in messages. */
const PREVIEW_NODES = 10_000;

/**
 * True when `value` nests deeper (or holds more values) than a message
 * should show. Walked with an explicit stack: whether a deep value fits
 * must not depend on how much call stack happens to be left, or two runs
 * on the same input could print different messages.
 */
function tooLargeToShow(value: unknown): boolean {
  const pending: { item: unknown; depth: number }[] = [{ item: value, depth: 0 }];
  let seen = 0;
  while (pending.length > 0) {
    const { item, depth } = pending.pop() as { item: unknown; depth: number };
    if (item === null || typeof item !== 'object') continue;
    seen += 1;
    if (depth >= PREVIEW_DEPTH || seen > PREVIEW_NODES) return true;
    for (const child of Object.values(item)) pending.push({ item: child, depth: depth + 1 });
  }
  return false;
}

/** Renders an input value for a message, short and on one line. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'missing';
  // JSON reads 1e400 as Infinity, which JSON.stringify would show as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return 'a number too large to represent';
  let text: string;
  if (value !== null && typeof value === 'object' && tooLargeToShow(value)) {
    text = Array.isArray(value) ? '[…]' : '{…}';
  } else {
    text = JSON.stringify(value) ?? String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Input for one rule. */
export interface RawRuleInput {
  raw: unknown;
  key: string;
  groupKey: string;
  index: number;
  source: SourceRef;
  /** Fields whose value is not known yet (Terraform plans); they are not judged. */
  unknown?: readonly UnknownField[];
}

function fieldPointer(base: string, path: readonly PropertyKey[]): string {
  return base + path.map((key) => `/${pointerSegment(String(key))}`).join('');
}

/** Where a protocol name sits: the bare protocol (create payload) or `protocol/name`. */
function protocolNamePath(protocolValue: unknown): string[] {
  return typeof protocolValue === 'string' ? ['protocol'] : ['protocol', 'name'];
}

/**
 * The one empty list that every rule without problems (or without unknown
 * fields) shares: nearly every rule has none, and allocating a list per rule
 * cost a tenth of normalization. Frozen, so that no reader can fill it for all.
 */
const NONE: never[] = Object.freeze([]) as never[];

/** Records a problem on `rule`, giving the rule a list of its own on the first one. */
function addProblem(
  rule: SecurityGroupRule,
  kind: RuleProblemKind,
  message: string,
  path: readonly PropertyKey[],
): void {
  if (rule.problems === NONE) rule.problems = [];
  rule.problems.push({ kind, message, pointer: fieldPointer(rule.source.pointer, path) });
}

/** Records an `invalid` problem on `rule` at `path` below the rule's pointer. */
function invalid(rule: SecurityGroupRule, message: string, path: readonly PropertyKey[] = []): void {
  addProblem(rule, 'invalid', message, path);
}

/**
 * Reads values whose meaning is plain but whose spelling the API would
 * refuse (`"INGRESS"`, `"ipv6"`, protocol `"6"`): each is reported, and the
 * rule is still judged by its meaning so that no exposure goes unseen.
 * Values already spelled right (nearly all) are passed by before any pattern
 * runs. Returns the repaired copy, or undefined when nothing needed repair.
 */
function repairSpelling(
  record: Record<string, unknown>,
  fields: RuleFields,
  rule: SecurityGroupRule,
): Record<string, unknown> | undefined {
  let copy: Record<string, unknown> | undefined;
  const { direction, ethertype, protocol } = fields;
  if (
    typeof direction === 'string' &&
    direction !== 'ingress' &&
    direction !== 'egress' &&
    /^(ingress|egress)$/i.test(direction) &&
    direction !== direction.toLowerCase()
  ) {
    invalid(
      rule,
      `direction ${showValue(direction)} must be lower-case ("${direction.toLowerCase()}")`,
      ['direction'],
    );
    copy ??= { ...record };
    copy.direction = direction.toLowerCase();
  }
  if (
    typeof ethertype === 'string' &&
    ethertype !== 'IPv4' &&
    ethertype !== 'IPv6' &&
    /^ipv[46]$/i.test(ethertype) &&
    !/^IPv[46]$/.test(ethertype)
  ) {
    const fixed = `IPv${ethertype.slice(-1)}`;
    invalid(rule, `ethertype ${showValue(ethertype)} must be spelled "${fixed}"`, ['ethertype']);
    copy ??= { ...record };
    copy.ethertype = fixed;
  }
  if (typeof protocol === 'string' && /^\d{1,3}$/.test(protocol) && Number(protocol) <= 255) {
    invalid(
      rule,
      `protocol ${showValue(protocol)} is a string; a protocol number must be the number ${Number(protocol)}`,
      ['protocol'],
    );
    copy ??= { ...record };
    copy.protocol = Number(protocol);
  }
  return copy;
}

/** How messages name a protocol: its API name, `protocol N` when it has none, or every protocol. */
function protocolLabel(protocol: number | null): string {
  return protocol === null ? 'every protocol' : protocolText(protocol);
}

/** The model field each API field of a rule feeds, for telling which values are unknown until apply. */
const UNKNOWN_FIELD_OF: Readonly<Record<string, UnknownField>> = {
  direction: 'direction',
  ethertype: 'ethertype',
  protocol: 'protocol',
  portRange: 'ports',
  icmpParameters: 'icmp',
  ipRange: 'remote',
  remoteSecurityGroupId: 'remote',
};

/** The distinct fields of a rule that are unknown until apply (the shared empty list when none). */
function unknownFields(unknown: readonly UnknownField[] | undefined): UnknownField[] {
  return unknown === undefined || unknown.length === 0 ? NONE : [...new Set(unknown)];
}

/**
 * Stands in for a rule's remote until normalization decides it; never left
 * in a returned rule (each rule gets a remote object of its own).
 */
const ABSENT_REMOTE_PLACEHOLDER: Remote = Object.freeze({ kind: 'every', reason: 'absent' });

/** True when `field` is unknown until apply; asks nothing of the (nearly always) empty list. */
function isUnknown(unknown: readonly UnknownField[], field: UnknownField): boolean {
  return unknown.length > 0 && unknown.includes(field);
}

/** Normalizes a rule; never throws on bad input, it records problems instead. */
export function normalizeRule(input: RawRuleInput): SecurityGroupRule {
  return normalizeRuleOf(input.raw, input.key, input.groupKey, input.index, input.source, input.unknown);
}

/**
 * `normalizeRule` with the input's parts as arguments: the loader calls it
 * once per rule, and an input object per call was garbage that filled the
 * young generation (and so cost garbage collections) for nothing.
 */
export function normalizeRuleOf(
  raw: unknown,
  key: string,
  groupKey: string,
  index: number,
  source: SourceRef,
  unknownInput: readonly UnknownField[] | undefined,
): SecurityGroupRule {
  const unknown = unknownFields(unknownInput);
  const rule: SecurityGroupRule = {
    key,
    id: undefined,
    groupKey,
    index,
    description: undefined,
    source,
    direction: 'ingress',
    family: 4,
    protocol: null,
    ports: null,
    icmp: null,
    // Set below: a literal nested here would make V8 build every rule by its slow, deep-copying path.
    remote: ABSENT_REMOTE_PLACEHOLDER,
    analysable: false,
    problems: NONE,
    unknown,
  };

  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    rule.remote = { kind: 'every', reason: 'absent' };
    invalid(rule, `a rule must be an object, got ${showValue(raw)}`);
    return rule;
  }
  let record = raw as Record<string, unknown>;
  let fields = readFields(record);
  const repaired = repairSpelling(record, fields, rule);
  if (repaired !== undefined) {
    record = repaired;
    fields = readFields(record);
  }
  if (typeof fields.id === 'string') rule.id = fields.id;
  if (typeof fields.description === 'string') rule.description = fields.description;

  let analysable = true;
  const parsed = fieldsConform(fields) ? undefined : apiRuleSchema.safeParse(record);
  if (parsed !== undefined && !parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const field = path.join('/');
      if (seen.has(field)) continue;
      // A value known only after apply is absent here, not missing: say nothing about it.
      const feeds = UNKNOWN_FIELD_OF[String(path[0])];
      if (feeds !== undefined && unknown.includes(feeds)) continue;
      seen.add(field);
      const value = valueAt(record, path);
      const name = path.join('.') || 'rule';
      const expected = EXPECTED[field] ?? 'a valid value';
      invalid(
        rule,
        value === undefined
          ? `${name} is missing; expected ${expected}`
          : `${name} is ${showValue(value)}; expected ${expected}`,
        path,
      );
    }
    analysable = false;
  }

  const direction = fields.direction;
  if (direction === 'ingress' || direction === 'egress') rule.direction = direction as Direction;
  else analysable = false;
  if (fields.ethertype === 'IPv6') rule.family = 6;

  // Protocol: an object {name, number} (read shape), a bare name or number (create payload).
  const protocolValue = fields.protocol;
  let name: string | undefined;
  let number: number | undefined;
  if (typeof protocolValue === 'string') name = protocolValue;
  else if (typeof protocolValue === 'number') number = protocolValue;
  else if (protocolValue !== null && typeof protocolValue === 'object' && !Array.isArray(protocolValue)) {
    const object = protocolValue as Record<string, unknown>;
    if (typeof object.name === 'string') name = object.name;
    if (typeof object.number === 'number') number = object.number;
  }
  // A name spelled as the API spells it (nearly all) is found at once and needs no case check; one
  // found only case-insensitively has capitals, as every API name is lower-case.
  let nameNumber = name === undefined ? undefined : exactProtocolNumber(name);
  if (name !== undefined && nameNumber === undefined) {
    nameNumber = protocolNumber(name);
    if (nameNumber === undefined) {
      invalid(
        rule,
        `protocol name ${showValue(name)} is unknown; expected one of ${Object.keys(PROTOCOL_NUMBERS).join(', ')}`,
        protocolNamePath(protocolValue),
      );
      analysable = false;
    } else {
      invalid(
        rule,
        `protocol name ${showValue(name)} must be lower-case ("${name.toLowerCase()}")`,
        protocolNamePath(protocolValue),
      );
    }
  }
  if (number !== undefined && Number.isInteger(number) && number >= 0 && number <= 255) {
    if (nameNumber !== undefined && nameNumber !== number) {
      invalid(
        rule,
        `protocol name ${showValue(name)} is protocol ${nameNumber}, but number is ${number}`,
        ['protocol'],
      );
      analysable = false;
    }
    rule.protocol = number;
  } else if (nameNumber !== undefined) {
    rule.protocol = nameNumber;
  }
  const protocol = rule.protocol;
  // A protocol given but not understood (its own finding says why), or known only after apply: no
  // message may call it every protocol.
  const protocolUnread =
    (protocolValue !== undefined && protocolValue !== null && protocol === null) || isUnknown(unknown, 'protocol');

  // ICMP of the other family: an IPv4 packet never carries ICMPv6, nor an IPv6 packet ICMP.
  if (!isUnknown(unknown, 'ethertype') && protocol !== null && isIcmpProtocol(protocol)) {
    const family: Family = protocol === ICMP ? 4 : 6;
    if (rule.family !== family) {
      addProblem(
        rule,
        'ethertype-mismatch',
        `protocol ${protocolName(protocol)} is IPv${family} only, but ethertype is IPv${rule.family}; ` +
          'the rule matches no traffic',
        ['protocol'],
      );
      analysable = false;
    }
  }

  // Port range.
  const portRange = fields.portRange;
  if (portRange !== null && typeof portRange === 'object' && !Array.isArray(portRange)) {
    const { min, max } = portRange as Record<string, unknown>;
    if (typeof min === 'number' && typeof max === 'number' && Number.isInteger(min) && Number.isInteger(max)) {
      if (min > max) {
        invalid(rule, `portRange min ${min} is greater than max ${max}`, ['portRange']);
        analysable = false;
      } else if (protocolUnread) {
        // The protocol's own finding says what is wrong; whether it has ports is unknown.
        analysable = false;
      } else if (protocol === null || !isPortProtocol(protocol)) {
        invalid(
          rule,
          `portRange is set on ${protocolLabel(protocol)}, which has no ports; ` +
            'ports need tcp, udp, sctp, dccp or udplite',
          ['portRange'],
        );
        analysable = false;
      } else if (min === 0 && max === 0) {
        invalid(rule, 'portRange 0-0 is stored by the API as "every port"', ['portRange']);
        rule.ports = null;
      } else if (min <= 1 && max === 65535) {
        rule.ports = null;
      } else if (min >= 0 && max <= 65535) {
        rule.ports = { lo: min, hi: max };
      }
    }
  }

  // ICMP parameters.
  const icmp = fields.icmpParameters;
  if (icmp !== null && typeof icmp === 'object' && !Array.isArray(icmp)) {
    const { type, code } = icmp as Record<string, unknown>;
    if (protocolUnread) {
      analysable = false;
    } else if (protocol === null || !isIcmpProtocol(protocol)) {
      invalid(
        rule,
        `icmpParameters is set on ${protocolLabel(protocol)}; it needs icmp or ipv6-icmp`,
        ['icmpParameters'],
      );
      analysable = false;
    } else if (typeof type === 'number' && typeof code === 'number') {
      if (type === 0 && code === 0) {
        invalid(
          rule,
          'icmpParameters type 0 code 0 is stored by the API as "every ICMP type" (it omits 0/0)',
          ['icmpParameters'],
        );
      } else {
        rule.icmp = { type, code };
      }
    }
  }

  // Remote: ipRange, remote group, or every address.
  const ipRange = fields.ipRange;
  const remoteGroup = fields.remoteSecurityGroupId;
  const hasRange = typeof ipRange === 'string';
  const hasGroup = typeof remoteGroup === 'string' && remoteGroup !== '';
  if (remoteGroup === '') {
    // The API refuses an empty id; reading it as "every address" would be a guess.
    invalid(rule, 'remoteSecurityGroupId is empty; expected a security group id', ['remoteSecurityGroupId']);
    analysable = false;
  }
  if (hasRange && hasGroup) {
    invalid(rule, 'ipRange and remoteSecurityGroupId are both set; a rule matches one remote', ['ipRange']);
    analysable = false;
  }
  if (typeof ipRange === 'string') {
    let cidr = parseCidr(ipRange);
    const decimal = cidr === undefined ? sameUnderOctal(ipRange) : undefined;
    if (decimal !== undefined) {
      // Leading zeros, but octal and decimal readers agree on the network: judge it, and say so.
      invalid(
        rule,
        `ipRange ${showValue(ipRange)} has octets with leading zeros, which some readers take as octal; ` +
          `either way it means ${decimal}`,
        ['ipRange'],
      );
      cidr = parseCidr(decimal);
    }
    if (cidr === undefined) {
      const problem = cidrProblem(ipRange);
      invalid(
        rule,
        `ipRange ${showValue(ipRange)} is not a valid CIDR: ${problem ?? 'unreadable'}`,
        ['ipRange'],
      );
      analysable = false;
    } else {
      const family: Family = rule.family;
      if (isUnknown(unknown, 'ethertype')) {
        // The family is known only after apply: whether the range fits it cannot be told yet.
      } else if (cidr.family !== family) {
        addProblem(
          rule,
          'ethertype-mismatch',
          `ipRange ${showValue(ipRange)} is IPv${cidr.family} but ethertype is IPv${family}`,
          ['ipRange'],
        );
        analysable = false;
      } else if (cidr.ipv4Mapped) {
        invalid(
          rule,
          `ipRange ${showValue(ipRange)} is an IPv4-mapped IPv6 range; an IPv6 rule with it matches no traffic`,
          ['ipRange'],
        );
        analysable = false;
      }
      if (!cidr.canonical) {
        addProblem(
          rule,
          'non-canonical-cidr',
          `ipRange ${showValue(ipRange)} has host bits set; it means ${cidr.network}/${cidr.prefix}`,
          ['ipRange'],
        );
      }
      const remote: Remote =
        cidr.prefix === 0
          ? { kind: 'every', reason: 'cidr' }
          : { kind: 'cidr', cidr: ipRange, network: cidr.network, prefix: cidr.prefix, lo: cidr.lo, hi: cidr.hi };
      rule.remote = remote;
    }
  } else if (hasGroup) {
    rule.remote = { kind: 'group', groupId: remoteGroup as string };
  }
  if (rule.remote === ABSENT_REMOTE_PLACEHOLDER) rule.remote = { kind: 'every', reason: 'absent' };

  rule.analysable = analysable && unknown.length === 0;
  return rule;
}
