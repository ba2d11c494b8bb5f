import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { hostileText, mutatedDocument, toJsonText, INPUT_SHAPES } from './arbitraries.js';
import { FORMAT_VALIDATORS } from './formats.js';
import { checkLibrary } from './harness.js';
import { FUZZ_RUNS, fuzzParameters, fuzzTimeout } from './settings.js';

const TIMEOUT = fuzzTimeout(FUZZ_RUNS, 30);

describe('fuzzing the library', () => {
  it('has a validator for every report format', () => {
    expect(FORMAT_NAMES.filter((format) => FORMAT_VALIDATORS[format] === undefined)).toEqual([]);
  });

  it('fuzzes every input shape the readers accept', () => {
    for (const shape of INPUT_SHAPES) {
      const text = toJsonText(
        shape.build({ groups: [{ id: 'g-web', name: 'web', rules: [{ direction: 'ingress' }] }], nics: [] }),
      );
      expect(() => checkLibrary([{ path: 'shape.json', text }]), shape.name).not.toThrow();
    }
  });

  it(
    'survives any JSON value: no exception, valid reports, same bytes twice',
    () => {
      fc.assert(
        fc.property(fc.jsonValue(), (value) =>
          checkLibrary([{ path: 'any.json', text: JSON.stringify(value) }]),
        ),
        fuzzParameters(),
      );
    },
    TIMEOUT,
  );

  it(
    'survives valid and mutated exports: dropped fields, nulls, wrong types, odd numbers, duplicate keys',
    () => {
      fc.assert(
        fc.property(mutatedDocument, fc.constantFrom(0, 2), (document, indent) =>
          checkLibrary([{ path: 'mutated.json', text: toJsonText(document, indent) }]),
        ),
        fuzzParameters(),
      );
    },
    TIMEOUT,
  );

  it(
    'survives damaged text: truncated transfers, a BOM, trailing junk, several files at once',
    () => {
      fc.assert(
        fc.property(fc.array(hostileText, { minLength: 1, maxLength: 3 }), (texts) =>
          checkLibrary(texts.map((text, index) => ({ path: `in-${index}.json`, text }))),
        ),
        fuzzParameters(),
      );
    },
    TIMEOUT,
  );
});
