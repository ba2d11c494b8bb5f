import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GroupAnalysis } from '../../src/analysis/group-analysis.js';
import type { Model, SecurityGroupRule } from '../../src/model/types.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import { makeGroup } from './model-rules.js';

/**
 * Rules drawn from a small corner of the real space: a few protocols,
 * ports 20..27, ICMP types 0/3/8 with codes 0/1, remotes inside
 * 10.0.0.0/28, the world, or two groups. Packets are enumerated on
 * representatives: every value rules can tell apart, plus one value of
 * each kind that no rule names ("other port", "other address", …).
 */
interface Spec {
  protocol: 'any' | 'tcp' | 'udp' | 'icmp' | 'gre';
  ports: { min: number; max: number } | undefined;
  icmp: { type: number; code: number } | undefined;
  remote:
    | { kind: 'absent' }
    | { kind: 'world' }
    | { kind: 'cidr'; host: number; prefix: number }
    | { kind: 'group'; id: string };
}

const specArbitrary: fc.Arbitrary<Spec> = fc
  .record({
    protocol: fc.constantFrom('any', 'tcp', 'udp', 'icmp', 'gre'),
    ports: fc.option(
      fc.tuple(fc.integer({ min: 20, max: 27 }), fc.integer({ min: 20, max: 27 })).map(([a, b]) => ({
        min: Math.min(a, b),
        max: Math.max(a, b),
      })),
      { nil: undefined },
    ),
    icmp: fc.option(fc.record({ type: fc.constantFrom(0, 3, 8), code: fc.constantFrom(0, 1) }), {
      nil: undefined,
    }),
    remote: fc.oneof(
      { weight: 1, arbitrary: fc.constant({ kind: 'absent' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'world' as const }) },
      {
        weight: 5,
        arbitrary: fc.record({
          kind: fc.constant('cidr' as const),
          host: fc.integer({ min: 0, max: 15 }),
          prefix: fc.integer({ min: 28, max: 32 }),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ kind: fc.constant('group' as const), id: fc.constantFrom('ga', 'gb') }),
      },
    ),
  })
  .map((spec) => ({
    ...spec,
    ports: spec.protocol === 'tcp' || spec.protocol === 'udp' ? spec.ports : undefined,
    icmp: spec.protocol === 'icmp' ? spec.icmp : undefined,
  }));

function toRaw(spec: Spec): Record<string, unknown> {
  const raw: Record<string, unknown> = { ethertype: 'IPv4' };
  if (spec.protocol !== 'any') raw.protocol = { name: spec.protocol };
  if (spec.ports !== undefined) raw.portRange = spec.ports;
  if (spec.icmp !== undefined) raw.icmpParameters = spec.icmp;
  if (spec.remote.kind === 'world') raw.ipRange = '0.0.0.0/0';
  if (spec.remote.kind === 'cidr') raw.ipRange = `10.0.0.${spec.remote.host}/${spec.remote.prefix}`;
  if (spec.remote.kind === 'group') raw.remoteSecurityGroupId = spec.remote.id;
  return raw;
}

type Remote = { address: number } | { outside: true } | { atom: string };
interface Packet {
  protocol: number;
  detail: number;
  remote: Remote;
}

const ADDRESS_POINTS: Remote[] = [
  ...Array.from({ length: 16 }, (_, address) => ({ address })),
  { outside: true },
];
const ATOM_POINTS: Remote[] = [{ atom: 'ga' }, { atom: 'gb' }, { atom: 'gc' }];
const DETAILS: Record<number, number[]> = {
  1: [0, 1, 3 * 256, 3 * 256 + 1, 8 * 256, 8 * 256 + 1, 5 * 256],
  6: [0, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 65535],
  17: [0, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 65535],
  47: [0],
  99: [0],
};
const NUMBERS = { tcp: 6, udp: 17, icmp: 1, gre: 47 } as const;

function matches(spec: Spec, packet: Packet): boolean {
  if (spec.protocol !== 'any' && NUMBERS[spec.protocol] !== packet.protocol) return false;
  if (spec.ports !== undefined && (packet.detail < spec.ports.min || packet.detail > spec.ports.max))
    return false;
  if (spec.icmp !== undefined && !(spec.icmp.type === 0 && spec.icmp.code === 0)) {
    if (packet.detail !== spec.icmp.type * 256 + spec.icmp.code) return false;
  }
  const { remote } = spec;
  if (remote.kind === 'absent' || remote.kind === 'world') return true;
  if (remote.kind === 'group') return 'atom' in packet.remote && packet.remote.atom === remote.id;
  if (!('address' in packet.remote)) return false;
  const size = 2 ** (32 - remote.prefix);
  const base = remote.host - (remote.host % size);
  return base <= packet.remote.address && packet.remote.address < base + size;
}

/** Packets the specs allow together; an atom is allowed where every address is. */
function allowed(specs: readonly Spec[]): Set<string> {
  const result = new Set<string>();
  for (const [protocolText, details] of Object.entries(DETAILS)) {
    const protocol = Number(protocolText);
    for (const detail of details) {
      const every = ADDRESS_POINTS.every((remote) =>
        specs.some((spec) => matches(spec, { protocol, detail, remote })),
      );
      for (const remote of [...ADDRESS_POINTS, ...ATOM_POINTS]) {
        const packet = { protocol, detail, remote };
        if (specs.some((spec) => matches(spec, packet)) || ('atom' in remote && every)) {
          result.add(`${protocol}/${detail}/${JSON.stringify(remote)}`);
        }
      }
    }
  }
  return result;
}

const subset = (a: Set<string>, b: Set<string>): boolean => [...a].every((item) => b.has(item));
const same = (a: Set<string>, b: Set<string>): boolean => a.size === b.size && subset(a, b);

function analyse(specs: readonly Spec[]): {
  rules: SecurityGroupRule[];
  analysis: GroupAnalysis;
  group: ReturnType<typeof makeGroup>;
} {
  const group = makeGroup(specs.map(toRaw));
  const model: Model = {
    files: [],
    groups: [group],
    nics: [],
    complete: true,
    hasAttachments: false,
    problems: [],
  };
  return { rules: group.rules, analysis: new GroupAnalysis(model), group };
}

describe('duplicate and redundant model rules against packet enumeration', () => {
  it(
    'agrees with the oracle on duplicates and redundancy',
    () => {
      fc.assert(
        fc.property(fc.array(specArbitrary, { maxLength: 8 }), (specs) => {
          const { rules, analysis, group } = analyse(specs);
          expect(rules.every((rule) => rule.analysable)).toBe(true);
          const result = analysis.redundancy(group);
          const setOf = specs.map((spec) => allowed([spec]));

          const duplicateOf = new Map(
            result.duplicates.map((entry) => [entry.rule.index, entry.original.index]),
          );
          specs.forEach((_, index) => {
            const first = setOf.findIndex((set) => same(set, setOf[index] as Set<string>));
            if (first === index) expect(duplicateOf.has(index)).toBe(false);
            else expect(duplicateOf.get(index)).toBe(first);
          });

          const redundant = new Set(result.redundant.map((entry) => entry.rule.index));
          for (const entry of result.redundant) {
            expect(duplicateOf.has(entry.rule.index)).toBe(false);
            const covers = entry.coveredBy.map((rule) => specs[rule.index] as Spec);
            expect(subset(setOf[entry.rule.index] as Set<string>, allowed(covers))).toBe(true);
          }
          const kept = specs.filter((_, index) => !redundant.has(index) && !duplicateOf.has(index));
          expect(same(allowed(kept), allowed(specs))).toBe(true);
          kept.forEach((spec, position) => {
            const others = kept.filter((_, other) => other !== position);
            expect(subset(allowed([spec]), allowed(others))).toBe(false);
          });
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
