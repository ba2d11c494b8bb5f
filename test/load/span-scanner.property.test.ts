import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  LineTable,
  locatePointers,
  locateWithJsonc,
  offsetPositions,
  visitSpans,
} from '../../src/load/positions.js';
import { ScanError, scanSpans } from '../../src/load/span-scanner.js';
import { pointerSegment } from '../../src/model/normalize.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from '../analysis/fc-settings.js';

/** Every pointer in a JSON value, and the prefix closure of a random subset. */
function pointersOf(value: unknown, base = ''): string[] {
  const here = [base];
  if (Array.isArray(value))
    value.forEach((item, index) => here.push(...pointersOf(item, `${base}/${index}`)));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value))
      here.push(...pointersOf(item, `${base}/${pointerSegment(key)}`));
  }
  return here;
}

function prefixClosure(pointers: readonly string[]): Set<string> {
  const set = new Set<string>(['']);
  for (const pointer of pointers) {
    const parts = pointer.split('/').slice(1);
    for (let length = 1; length <= parts.length; length += 1) set.add(`/${parts.slice(0, length).join('/')}`);
  }
  return set;
}

const keyArbitrary = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('a/b', 'c~d', 'é"\\', 'items', ''),
);
const documentArbitrary = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom('{[', ']}"', '\\', 'a\\"}', '[\\\\]', '\n{'),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArbitrary, tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('span scanner', () => {
  it(
    'finds the same spans as jsonc-parser on any valid JSON and any indentation',
    () => {
      fc.assert(
        fc.property(
          documentArbitrary,
          fc.constantFrom(0, 1, 2, '\t', ' \r\n'),
          fc.infiniteStream(fc.boolean()),
          (value, indent, picks) => {
            let text = JSON.stringify(value, null, typeof indent === 'number' ? indent : '  ');
            if (indent === ' \r\n') text = text.replace(/\n/g, '\r\n');
            const all = pointersOf(value);
            const iterator = picks[Symbol.iterator]();
            const wanted = all.filter(() => iterator.next().value === true);
            const prefixes = prefixClosure(wanted);
            expect(scanSpans(text, prefixes)).toEqual(visitSpans(text, prefixes));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'locates any wanted or missing pointer where jsonc-parser does, with every line break style',
    () => {
      fc.assert(
        fc.property(
          documentArbitrary,
          fc.constantFrom(0, 2, '\t', '\r\n', '\r'),
          fc.infiniteStream(fc.boolean()),
          fc.array(fc.constantFrom('/missing', '/0/x', '/a~1b/9', '/', 'stray', '/items/00'), {
            maxLength: 3,
          }),
          (value, indent, picks, missing) => {
            let text = JSON.stringify(value, null, typeof indent === 'number' ? indent : 2);
            if (typeof indent === 'string') text = text.replace(/\n/g, indent);
            const iterator = picks[Symbol.iterator]();
            const present = pointersOf(value).filter(() => iterator.next().value === true);
            const wanted = [...present, ...present.map((pointer) => `${pointer}/missing`), ...missing];
            expect(locatePointers(text, wanted)).toEqual(locateWithJsonc(text, wanted));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'puts every offset on the same line and column as the line table',
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', '😀'), maxLength: 40 }),
          fc.array(fc.nat(), { maxLength: 12 }),
          (text, raw) => {
            const offsets = raw.map((value) => value % (text.length + 1));
            const lines = new LineTable(text);
            expect(offsetPositions(text, offsets)).toEqual(offsets.map((offset) => lines.position(offset)));
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it('refuses text that is not valid JSON, and positions still come from jsonc-parser', () => {
    expect(() => scanSpans('{"a": [1, 2', new Set(['', '/a']))).toThrow(ScanError);
    expect(locatePointers('{"a": [1,\n 2', ['/a/1'])).toEqual(
      new Map([['/a/1', { line: 2, column: 2, endLine: 2, endColumn: 3 }]]),
    );
  });

  it('locates the last of a key given twice, with its end, however often keys repeat', () => {
    // Each repeat records its node again; the scan's lists, sized two slots
    // per node, once dropped what came after and left ends undefined.
    const text = '{"a": 1, "a": 22, "b": {"c": 1, "c": [1, 2]}, "b": 3, "d": 0}';
    expect(locatePointers(text, ['/a', '/b', '/d', ''])).toEqual(
      new Map([
        ['/a', { line: 1, column: 15, endLine: 1, endColumn: 17 }],
        ['/b', { line: 1, column: 52, endLine: 1, endColumn: 53 }],
        ['/d', { line: 1, column: 60, endLine: 1, endColumn: 61 }],
        ['', { line: 1, column: 1, endLine: 1, endColumn: 62 }],
      ]),
    );
  });

  it('locates values on lines and UTF-16 columns', () => {
    const text = '{\n  "items": [\n    {"name": "ä😀", "rules": [ {"id": "r1"} ]}\n  ]\n}';
    expect(locatePointers(text, ['/items/0/rules/0', '/items/0/name', '/items/0/missing'])).toEqual(
      new Map([
        ['/items/0/rules/0', { line: 3, column: 32, endLine: 3, endColumn: 44 }],
        ['/items/0/name', { line: 3, column: 14, endLine: 3, endColumn: 19 }],
        ['/items/0/missing', { line: 3, column: 5, endLine: 3, endColumn: 47 }],
      ]),
    );
  });
});
