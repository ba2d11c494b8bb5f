import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import type { Finding } from '../../src/engine/finding.js';
import { allEgress, exportText, group, tcpIn, type RuleInput } from '../gate-fixtures.js';

const IDS = { web: '11111111-1111-4111-8111-111111111111', db: '22222222-2222-4222-8222-222222222222' };

function groups(): Record<string, unknown>[] {
  return [
    group({
      id: IDS.web,
      name: 'web',
      rules: [
        tcpIn(22, '0.0.0.0/0', 'r-ssh'),
        tcpIn(8080, '0.0.0.0/0', 'r-8080'),
        tcpIn(22, '0.0.0.0/0', 'r-ssh-again'),
        ...allEgress('w'),
      ],
    }),
    // Rules without ids: messages name them by position (#n).
    group({
      id: IDS.db,
      name: 'db',
      rules: [
        tcpIn(5432, '10.0.0.0/8'),
        tcpIn(5432, '10.0.0.0/8'),
        tcpIn(5432, '10.0.0.0/8'),
        tcpIn(6379),
        ...allEgress(),
      ],
    }),
  ];
}

function lint(text: string): Finding[] {
  return lintTexts([{ path: 'sg.json', text }]).findings;
}

/** Reverses arrays and object key order everywhere, keeping values. */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reorder).reverse();
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .reverse()
        .map(([key, inner]) => [key, reorder(inner)]),
    );
  }
  return value;
}

/**
 * Fingerprints per check and group. (Which of two identical rules is "the
 * duplicate" follows input order, so rule ids are not part of the key.)
 */
function byIdentity(findings: readonly Finding[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const finding of findings) {
    const key = `${finding.check} ${finding.securityGroup?.name ?? ''}`;
    map.set(key, [...(map.get(key) ?? []), finding.fingerprint].sort());
  }
  return map;
}

describe('fingerprints', () => {
  const original = lint(exportText(groups()));

  it('finds what the scenario expects, each with a unique fingerprint', () => {
    expect(original.map((finding) => finding.check).sort()).toEqual([
      'duplicate-rule',
      'duplicate-rule',
      'duplicate-rule',
      'ingress-sensitive-port-world',
      'ingress-sensitive-port-world',
      'ingress-world',
    ]);
    expect(new Set(original.map((finding) => finding.fingerprint)).size).toBe(original.length);
  });

  it('a reformatted and reordered export keeps every fingerprint', () => {
    const minified = lint(JSON.stringify({ items: groups() }));
    const tabbed = lint(exportText(groups(), '\t'));
    const reordered = lint(JSON.stringify(reorder({ items: groups() }), null, 4));
    for (const variant of [minified, tabbed, reordered]) {
      expect(variant.map((finding) => finding.fingerprint).sort()).toEqual(
        original.map((finding) => finding.fingerprint).sort(),
      );
      expect(byIdentity(variant)).toEqual(byIdentity(original));
    }
    // The reordered export really moved the findings.
    expect(reordered.map((finding) => finding.line)).not.toEqual(original.map((finding) => finding.line));
  });

  it('keeps fingerprints across unrelated edits: a new rule, a renamed rule description, another group', () => {
    const edited = groups();
    const web = edited[0] as { rules: RuleInput[] };
    web.rules.unshift({ ...tcpIn(443), id: 'r-https' });
    (web.rules[1] as RuleInput).description = 'now documented';
    edited.unshift(group({ name: 'new-group', rules: allEgress() }));
    const after = lint(exportText(edited));
    const before = new Set(original.map((finding) => finding.fingerprint));
    const kept = after.filter((finding) => before.has(finding.fingerprint));
    expect(kept).toHaveLength(original.length);
  });

  it('does not depend on line numbers or the message wording', () => {
    const fingerprint = original.find((finding) => finding.check === 'ingress-world')?.fingerprint;
    const shifted = lint(`\n\n\n${exportText(groups())}`);
    expect(shifted.find((finding) => finding.check === 'ingress-world')?.fingerprint).toBe(fingerprint);
    expect(fingerprint).toMatch(/^[0-9a-f]{32}$/);
  });

  it('changes when the traffic of the reported rule changes', () => {
    const edited = groups();
    ((edited[0] as { rules: RuleInput[] }).rules[1] as RuleInput).portRange = { min: 8081, max: 8081 };
    const after = lint(exportText(edited));
    const world = (list: Finding[]): string | undefined =>
      list.find((finding) => finding.check === 'ingress-world')?.fingerprint;
    expect(world(after)).toBeDefined();
    expect(world(after)).not.toBe(world(original));
  });
});
