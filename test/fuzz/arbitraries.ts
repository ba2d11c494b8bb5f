/**
 * Generators for hostile input: valid exports in every input shape sglint
 * reads, then mutated the way real damage looks (fields dropped, nulls,
 * wrong types, odd numbers, strings where objects belong, unknown
 * protocols, duplicate keys, long strings, deep nesting, odd Unicode,
 * `__proto__` keys), serialized to text, sometimes cut off mid-transfer.
 *
 * To fuzz a new input shape, add one entry to `INPUT_SHAPES`.
 */
import fc from 'fast-check';

/** Text placed verbatim into the JSON (numbers JSON.stringify cannot write, such as `1e999`). */
export class RawToken {
  constructor(readonly text: string) {}
}

/** An object written with its entries as given, duplicate keys included. */
export class DuplicateKeys {
  constructor(readonly entries: [string, unknown][]) {}
}

/** Strings that have broken terminals, CI logs and parsers before. */
export const HOSTILE_SAMPLES: readonly string[] = [
  '\u001b[2J\u001b[H',
  '\u001b[31mred\u001b[0m',
  '\u001b]8;;https://example.invalid\u0007link\u001b]8;;\u0007',
  '\u001b]0;title\u0007',
  'a\rb',
  'line\n::error::INJECTED',
  'x\r\n::warning file=a::INJECTED',
  '%0A::error::INJECTED',
  '\u009b31mC1',
  '\u0085next-line',
  '\u202eevil\u202c',
  '\u2066isolate\u2069',
  '\u200f\u061c',
  '\u2028\u2029',
  '\u0000nul',
  '\u0007bell\u0008back\u007fdel',
  '\ud800',
  '\udfff\ud800',
  '\ufeffbom',
  '\ufffe\uffff',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '<![CDATA[x]]>',
  ']]>',
  '</testcase><x>',
  '&amp;&#0;&bogus;',
  '"\'`\\',
  '../../etc/passwd',
  'C:\\Windows\\x.json',
  'é\u0301\u0301\u0301',
  '👩‍👩‍👧‍👦',
  '𝕊𝔾',
  '',
  ' ',
];

/** Strings of every kind, hostile ones often; rarely very long. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_SAMPLES) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.constantFrom(...HOSTILE_SAMPLES), { minLength: 1, maxLength: 4 })
      .map((parts) => parts.join('')),
  },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((length) => 'A'.repeat(length)) },
);

/** Numbers that are wrong for a port, a protocol or an ICMP field in some way. */
export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1,
    255,
    256,
    65535,
    65536,
    1e6,
    -1e6,
    2 ** 31,
    2 ** 53 + 2,
    Number.MAX_VALUE,
    0.5,
    22.5,
  ),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc
    .constantFrom('1e999', '-1e999', '-0', '1.0e-400', '123456789012345678901234567890', '22.0')
    .map((text) => new RawToken(text)),
);

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));
const ipv6 = fc.ipV6();
const cidr = fc.oneof(
  fc.constantFrom(
    '0.0.0.0/0',
    '::/0',
    '10.0.0.0/8',
    '0.0.0.0/1',
    '128.0.0.0/1',
    '192.168.1.0/24',
    '2001:db8::/32',
  ),
  fc.tuple(ipv4, fc.nat(32)).map(([address, prefix]) => `${address}/${prefix}`),
  fc.tuple(ipv6, fc.nat(128)).map(([address, prefix]) => `${address}/${prefix}`),
);
const protocolName = fc.constantFrom(
  'tcp',
  'udp',
  'icmp',
  'ipv6-icmp',
  'sctp',
  'gre',
  'esp',
  'TCP',
  'any',
  'all',
);
const portRange = fc
  .tuple(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 65535 }))
  .map(([a, b]) => ({ min: Math.min(a, b), max: Math.max(a, b) }));

/** An object built without assignment, so a `__proto__` key is an own key as JSON.parse makes it. */
function objectOf(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return object;
}

/** Keeps only the entries whose value is not undefined. */
function defined(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  return objectOf(entries.filter(([, value]) => value !== undefined));
}

const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.option(arbitrary, { nil: undefined, freq: 3 });

/** A rule as the API returns it (or the create payload shapes the CLI prints). */
export const apiRule: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: optional(fc.uuid()),
    direction: fc.constantFrom('ingress', 'egress'),
    ethertype: optional(fc.constantFrom('IPv4', 'IPv6')),
    protocol: optional(
      fc.oneof(
        protocolName.map((name) => ({ name })),
        fc.nat(255).map((number) => ({ number })),
        protocolName,
        fc.nat(255),
      ),
    ),
    portRange: optional(portRange),
    icmpParameters: optional(fc.record({ type: fc.nat(255), code: fc.nat(255) })),
    ipRange: optional(cidr),
    remoteSecurityGroupId: optional(fc.constantFrom('g-web', 'g-db', 'missing-group')),
    description: optional(hostileString),
  })
  .map((rule) => defined(Object.entries(rule)));

/** Group labels, hostile keys included (`__proto__`, `constructor`, control characters). */
export const labels: fc.Arbitrary<Record<string, unknown>> = fc
  .array(fc.tuple(hostileString, fc.oneof(hostileString, fc.constant(null), fc.nat())), { maxLength: 4 })
  .map(objectOf);

/** A security group as the API returns it. */
export const apiGroup: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: optional(fc.constantFrom('g-web', 'g-db', 'g-other')),
    name: hostileString,
    description: optional(hostileString),
    labels: optional(labels),
    stateful: optional(fc.boolean()),
    rules: optional(fc.array(apiRule, { maxLength: 5 })),
  })
  .map((group) => defined(Object.entries(group)));

/** A network interface as the API returns it. */
export const apiNic: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: fc.uuid(),
    name: optional(hostileString),
    networkId: fc.uuid(),
    device: optional(fc.uuid()),
    securityGroups: optional(fc.array(fc.constantFrom('g-web', 'g-db', 'unknown'), { maxLength: 3 })),
    nicSecurity: optional(fc.boolean()),
  })
  .map((nic) => defined(Object.entries(nic)));

/** What a shape is built from. */
export interface ShapeParts {
  groups: Record<string, unknown>[];
  nics: Record<string, unknown>[];
}

/** One input shape: a name and how to lay the parts out as that document. */
export interface InputShape {
  name: string;
  build(parts: ShapeParts): unknown;
}

const rulesOf = (groups: readonly Record<string, unknown>[]): unknown[] =>
  groups.flatMap((group) =>
    Array.isArray(group.rules)
      ? group.rules.map((rule) => ({ ...(rule as object), securityGroupId: group.id ?? 'g-none' }))
      : [],
  );

/** Every input shape sglint reads. Add a new shape here and every property fuzzes it. */
export const INPUT_SHAPES: readonly InputShape[] = [
  { name: 'API list of groups', build: ({ groups }) => ({ items: groups }) },
  { name: 'bare array of groups', build: ({ groups }) => groups },
  { name: 'one group', build: ({ groups }) => groups[0] ?? { name: 'only' } },
  { name: 'API list of rules', build: ({ groups }) => ({ items: rulesOf(groups) }) },
  { name: 'bare array of rules', build: ({ groups }) => rulesOf(groups) },
  { name: 'one rule', build: ({ groups }) => rulesOf(groups)[0] ?? { direction: 'ingress' } },
  { name: 'API list of NICs', build: ({ nics }) => ({ items: nics }) },
  {
    name: 'live snapshot',
    build: ({ groups, nics }) => ({
      kind: 'sglint-snapshot',
      version: 1,
      projects: [
        { projectId: 'p-1', region: 'eu01', securityGroups: groups, nics, servers: [], publicIps: [] },
      ],
    }),
  },
];

/** A valid document in one of the input shapes. */
export const validDocument: fc.Arbitrary<unknown> = fc
  .record({
    shape: fc.constantFrom(...INPUT_SHAPES),
    groups: fc.array(apiGroup, { maxLength: 3 }),
    nics: fc.array(apiNic, { maxLength: 2 }),
  })
  .map(({ shape, groups, nics }) => shape.build({ groups, nics }));

/** Nested arrays `depth` deep around `inner`. */
export function nested(depth: number, inner: unknown = 0): unknown {
  let value: unknown = inner;
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

/** One change to a value somewhere in a document. */
export type Mutation =
  | { kind: 'drop' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'add-key'; key: string; value: unknown }
  | { kind: 'duplicate-key'; key: string; value: unknown };

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  // Factories, not constants: a mutation may later change the value in place, and a shared
  // constant would then carry one case's changes into the next (even into a cycle).
  fc
    .constantFrom(
      () => ({}),
      () => [],
      () => [null],
      () => ({ name: 5 }),
      () => ({ min: '1', max: '2' }),
    )
    .map((make) => make()),
  fc.constantFrom('tcp', 'ingress', 'egress', 'quic', 'IPv5'),
  fc.integer({ min: 1, max: 5_000 }).map((depth) => nested(depth)),
  fc.jsonValue({ maxDepth: 3 }),
);

const fieldName = fc.constantFrom(
  'name',
  'id',
  'rules',
  'direction',
  'ethertype',
  'protocol',
  'portRange',
  'min',
  'max',
  'icmpParameters',
  'ipRange',
  'remoteSecurityGroupId',
  'labels',
  'items',
  'kind',
  'projects',
  'securityGroups',
  'nicSecurity',
  '__proto__',
  'constructor',
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constant({ kind: 'drop' as const }),
  anyValue.map((value) => ({ kind: 'replace' as const, value })),
  fc
    .tuple(fc.oneof(fieldName, hostileString), anyValue)
    .map(([key, value]) => ({ kind: 'add-key' as const, key, value })),
  fc.tuple(fieldName, anyValue).map(([key, value]) => ({ kind: 'duplicate-key' as const, key, value })),
);

type Container = Record<string, unknown> | unknown[];

/** Every (parent, key) place in a document, parents before children. */
function places(root: unknown): { parent: Container; key: string | number }[] {
  const found: { parent: Container; key: string | number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        found.push({ parent: value, key: index });
        stack.push(item);
      });
    } else if (
      value !== null &&
      typeof value === 'object' &&
      !(value instanceof RawToken) &&
      !(value instanceof DuplicateKeys)
    ) {
      for (const key of Object.keys(value)) {
        found.push({ parent: value as Record<string, unknown>, key });
        stack.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return found;
}

function setOwn(parent: Container, key: string | number, value: unknown): void {
  if (Array.isArray(parent)) parent[key as number] = value;
  else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a copy of `document`; each picks its place by `at` modulo the places. */
export function mutate(document: unknown, mutations: readonly { at: number; change: Mutation }[]): unknown {
  const holder: unknown[] = [structuredClone(document)];
  for (const { at, change } of mutations) {
    const all = places(holder[0]);
    const place =
      all.length === 0 ? { parent: holder, key: 0 } : (all[at % all.length] as (typeof all)[number]);
    const { parent, key } = place;
    const current = Array.isArray(parent) ? parent[key as number] : parent[key as string];
    switch (change.kind) {
      case 'drop':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key as string];
        break;
      case 'replace':
        setOwn(parent, key, change.value);
        break;
      case 'add-key':
        if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
          setOwn(current as Record<string, unknown>, change.key, change.value);
        } else {
          setOwn(parent, key, objectOf([[change.key, change.value]]));
        }
        break;
      case 'duplicate-key': {
        const target =
          current !== null && typeof current === 'object' && !Array.isArray(current) ? current : {};
        const entries = Object.entries(target as Record<string, unknown>);
        setOwn(
          parent,
          key,
          new DuplicateKeys([[change.key, change.value], ...entries, [change.key, change.value]]),
        );
        break;
      }
    }
  }
  return holder[0];
}

/** A valid document with a few mutations (sometimes none). */
export const mutatedDocument: fc.Arbitrary<unknown> = fc
  .tuple(validDocument, fc.array(fc.record({ at: fc.nat(), change: mutation }), { maxLength: 4 }))
  .map(([document, mutations]) => mutate(document, mutations));

type Work = { value: unknown; depth: number } | { text: string };

/** Writes a value as JSON text, with raw tokens and duplicate keys as given. */
export function toJsonText(value: unknown, indent = 0): string {
  // Indented only near the top: deep nesting written indented would grow with the square of its depth.
  const pad = (depth: number): string =>
    indent === 0 || depth > 32 ? '' : `\n${' '.repeat(indent * depth)}`;
  const parts: string[] = [];
  // An explicit work list, so deeply nested values do not overflow the serializer itself.
  const work: Work[] = [{ value, depth: 0 }];
  while (work.length > 0) {
    const item = work.pop() as Work;
    if ('text' in item) {
      parts.push(item.text);
      continue;
    }
    const { value: current, depth } = item;
    if (current instanceof RawToken) {
      parts.push(current.text);
    } else if (
      current instanceof DuplicateKeys ||
      (current !== null && typeof current === 'object' && !Array.isArray(current))
    ) {
      const entries = current instanceof DuplicateKeys ? current.entries : Object.entries(current as object);
      const pending: Work[] = [{ text: '{' }];
      entries.forEach(([key, entry], index) => {
        pending.push({
          text: `${index === 0 ? '' : ','}${pad(depth + 1)}${JSON.stringify(key)}:${indent === 0 ? '' : ' '}`,
        });
        pending.push({ value: entry === undefined ? null : entry, depth: depth + 1 });
      });
      pending.push({ text: `${entries.length === 0 ? '' : pad(depth)}}` });
      for (let index = pending.length - 1; index >= 0; index -= 1) work.push(pending[index] as Work);
    } else if (Array.isArray(current)) {
      const pending: Work[] = [{ text: '[' }];
      current.forEach((entry, index) => {
        pending.push({ text: `${index === 0 ? '' : ','}${pad(depth + 1)}` });
        pending.push({ value: entry === undefined ? null : entry, depth: depth + 1 });
      });
      pending.push({ text: `${current.length === 0 ? '' : pad(depth)}]` });
      for (let index = pending.length - 1; index >= 0; index -= 1) work.push(pending[index] as Work);
    } else {
      parts.push(JSON.stringify(current) ?? 'null');
    }
  }
  return parts.join('');
}

/** Damage done to the text itself: transfers cut short, a BOM, a wrapper, trailing junk. */
export type TextDamage =
  | { kind: 'none' }
  | { kind: 'truncate'; fraction: number }
  | { kind: 'bom' }
  | { kind: 'junk'; junk: string };

export const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .double({ min: 0, max: 1, noNaN: true })
      .map((fraction) => ({ kind: 'truncate' as const, fraction })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: hostileString.map((junk) => ({ kind: 'junk' as const, junk })) },
);

export function damage(text: string, change: TextDamage): string {
  switch (change.kind) {
    case 'none':
      return text;
    case 'truncate':
      return text.slice(0, Math.floor(text.length * change.fraction));
    case 'bom':
      return `\ufeff${text}`;
    case 'junk':
      return text + change.junk;
  }
}

/** The text of a mutated document, written compact or indented, sometimes damaged. */
export const hostileText: fc.Arbitrary<string> = fc
  .tuple(mutatedDocument, fc.constantFrom(0, 2), textDamage)
  .map(([document, indent, change]) => damage(toJsonText(document, indent), change));
