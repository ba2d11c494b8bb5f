/**
 * Every failure the fuzzer found, as a named test with the smallest input
 * that showed it. Add one here for each new find before fixing it.
 */
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { showValue } from '../../src/model/normalize.js';
import { nested, toJsonText } from './arbitraries.js';
import { checkLibrary } from './harness.js';

describe('fuzzer finds', () => {
  it('a snapshot group or NIC whose id is an array nested 5,000 deep (String() overflowed the stack)', () => {
    const snapshot = {
      kind: 'sglint-snapshot',
      version: 1,
      projects: [
        {
          projectId: 'p-1',
          region: 'eu01',
          securityGroups: [
            { id: nested(5_000), name: 'g', rules: [{ direction: 'ingress', protocol: 'tcp' }] },
          ],
          nics: [{ id: nested(5_000), networkId: 'n-1', securityGroups: [] }],
          servers: [],
          publicIps: [],
        },
      ],
    };
    const text = toJsonText(snapshot);
    const result = lintTexts([{ path: 'snap.json', text }]);
    expect(result.findings.map((finding) => [finding.check, finding.logical])).toEqual([
      ['invalid-rule', 'projects/p-1/regions/eu01/security-groups/g'],
      ['missing-egress', 'projects/p-1/regions/eu01/security-groups/g'],
      ['ingress-all-ports-world', 'projects/p-1/regions/eu01/security-groups/g/rules/0'],
    ]);
    expect(() => checkLibrary([{ path: 'snap.json', text }])).not.toThrow();
  });
});

describe('fuzzer finds (clean-clone CI run, seed 20240607)', () => {
  it('quotes a value nested 5,000 deep the same way whatever stack is left (two runs once differed)', () => {
    const deep = nested(5_000);
    const atTop = showValue(deep);
    const deeper = (levels: number): string => (levels === 0 ? showValue(deep) : deeper(levels - 1));
    expect(atTop).toBe('[…]');
    expect(deeper(2_000)).toBe(atTop);
    expect(showValue([[1, 2], { a: 'b' }])).toBe('[[1,2],{"a":"b"}]');
  });
});
