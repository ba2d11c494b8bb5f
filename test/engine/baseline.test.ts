import { describe, expect, it } from 'vitest';
import { BaselineError, parseBaseline, serializeBaseline } from '../../src/engine/baseline.js';
import type { Finding } from '../../src/engine/finding.js';
import { lintTexts } from '../../src/engine/lint.js';
import { allEgress, exportText, group, tcpIn } from '../gate-fixtures.js';

const before = exportText([group({ name: 'web', rules: [tcpIn(22), tcpIn(8080), ...allEgress()] })]);
const after = exportText([
  group({ name: 'web', rules: [tcpIn(22), tcpIn(8080), tcpIn(3306), ...allEgress()] }),
]);

describe('baseline file', () => {
  it('is sorted, versioned, without label-suppressed findings and round-trips', () => {
    const findings = [
      { fingerprint: 'bbb' },
      { fingerprint: 'aaa' },
      { fingerprint: 'ccc', suppressed: { kind: 'label', justification: 'x' } },
      { fingerprint: 'aaa' },
    ] as Finding[];
    const text = serializeBaseline(findings);
    expect(text).toBe('{\n  "version": 1,\n  "fingerprints": [\n    "aaa",\n    "bbb"\n  ]\n}\n');
    expect([...parseBaseline(text, 'b.json')]).toEqual(['aaa', 'bbb']);
  });

  it.each([
    ['{', 'b.json: not valid JSON; expected {"version": 1, "fingerprints": [...]}'],
    ['[]', 'b.json: expected an object {"version": 1, "fingerprints": [...]}'],
    ['{"version": 2, "fingerprints": []}', 'b.json: version: expected 1, got 2'],
    ['{"version": 1}', 'b.json: fingerprints: expected an array of strings'],
    ['{"version": 1, "fingerprints": ["a", 3]}', 'b.json: fingerprints[1]: expected a string, got number'],
  ])('rejects %s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(new BaselineError(message));
  });
});

describe('linting against a baseline', () => {
  it('reports only findings whose fingerprint is new', () => {
    const first = lintTexts([{ path: 'sg.json', text: before }]);
    const fingerprints = parseBaseline(serializeBaseline(first.findings), 'b.json');
    const second = lintTexts([{ path: 'sg.json', text: after }], {
      baseline: { fingerprints, file: 'b.json' },
    });
    const counted = second.findings.filter((finding) => finding.suppressed === undefined);
    expect(counted.map((finding) => finding.message)).toEqual([
      'tcp/3306 (MySQL) reachable from the world through 0.0.0.0/0',
    ]);
    expect(second.summary).toMatchObject({ errors: 1, warnings: 0, suppressed: 2 });
    expect(
      second.findings
        .filter((finding) => finding.suppressed !== undefined)
        .map((finding) => finding.suppressed),
    ).toEqual([
      { kind: 'baseline', justification: 'accepted in baseline b.json' },
      { kind: 'baseline', justification: 'accepted in baseline b.json' },
    ]);
  });
});
