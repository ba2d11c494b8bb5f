import { describe, expect, it } from 'vitest';
import { checkCase, validateCases } from './rule-tester.js';

const worldSsh = `{"name": "g", "rules": [
  {"direction": "ingress", "protocol": "tcp", "portRange": {"min": 22, "max": 22}, "ipRange": "0.0.0.0/0"}
]}`;
const quiet = '{"name": "g", "rules": [{"direction": "egress"}]}';

describe('rule tester', () => {
  it('rejects an unknown check id', () => {
    expect(() => validateCases('no-such-check', { valid: [], invalid: [] })).toThrow('unknown check "no-such-check"');
  });

  it('rejects an invalid case with no expected finding', () => {
    expect(() =>
      validateCases('ingress-world', { valid: [], invalid: [{ name: 'empty', doc: quiet, errors: [] }] }),
    ).toThrow('expects no finding');
  });

  it('rejects duplicate case names', () => {
    expect(() =>
      validateCases('ingress-world', {
        valid: [
          { name: 'same', doc: quiet },
          { name: 'same', doc: worldSsh },
        ],
        invalid: [],
      }),
    ).toThrow('duplicate case name "same"');
  });

  it('rejects the same document twice, across valid and invalid', () => {
    expect(() =>
      validateCases('ingress-sensitive-port-world', {
        valid: [{ name: 'first', doc: worldSsh }],
        invalid: [{ name: 'second', doc: worldSsh, errors: [{ line: 2, column: 3 }] }],
      }),
    ).toThrow('cases "first" and "second" test the same document');
  });

  it('accepts the same document with different options', () => {
    expect(() =>
      validateCases('ingress-world', {
        valid: [
          { name: 'default', doc: quiet },
          { name: 'custom', doc: quiet, options: { allowPorts: [] } },
        ],
        invalid: [],
      }),
    ).not.toThrow();
  });

  it('passes a case whose findings match exactly', () => {
    checkCase('ingress-sensitive-port-world', {
      name: 'ssh',
      doc: worldSsh,
      errors: [{ line: 2, column: 3, message: 'tcp/22 (SSH) reachable from the world through 0.0.0.0/0' }],
    });
  });

  it('fails a case with a wrong line, column, message or count', () => {
    const base = { name: 'ssh', doc: worldSsh };
    const check = 'ingress-sensitive-port-world';
    expect(() => checkCase(check, { ...base, errors: [{ line: 1, column: 3 }] })).toThrow();
    expect(() => checkCase(check, { ...base, errors: [{ line: 2, column: 4 }] })).toThrow();
    expect(() => checkCase(check, { ...base, errors: [{ line: 2, column: 3, message: 'other' }] })).toThrow();
    expect(() =>
      checkCase('ingress-sensitive-port-world', {
        ...base,
        errors: [
          { line: 2, column: 3 },
          { line: 2, column: 3 },
        ],
      }),
    ).toThrow();
    expect(() => checkCase('ingress-sensitive-port-world', base)).toThrow();
  });

  it('fails a case whose document does not load', () => {
    expect(() => checkCase('ingress-world', { name: 'broken', doc: '{"name": ' })).toThrow();
  });
});
