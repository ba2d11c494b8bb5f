import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeExposure, type ExposureCell } from '../../src/analysis/exposure.js';
import type { BigInterval, Box } from '../../src/analysis/space.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from './fc-settings.js';
import { ADDRESSES, DETAILS, PROTOCOLS, boxesArbitrary, contains } from './small-universe.js';

interface Verdict {
  kind: 'world' | 'broad';
  contributors: number[];
  runs: BigInterval[];
}

/** Public space: addresses 0..11 minus a random set of "special" addresses, as sorted runs. */
const publicArbitrary = fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }).map((flags) => {
  const runs: BigInterval[] = [];
  flags.forEach((isPublic, address) => {
    if (!isPublic) return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.hi + 1n === BigInt(address)) last.hi = BigInt(address);
    else runs.push({ lo: BigInt(address), hi: BigInt(address) });
  });
  return runs;
});

/** The brute-force verdict at one protocol and detail. */
function oracle(
  boxes: readonly Box[],
  protocol: number,
  detail: number,
  publicSpace: readonly BigInterval[],
  broadSize: bigint,
): Verdict | undefined {
  const covers = (index: number, address: bigint): boolean =>
    contains(boxes[index] as Box, { protocol, detail, remote: address });
  const active = boxes
    .map((_, index) => index)
    .filter((index) => {
      for (let address = ADDRESSES.lo; address <= ADDRESSES.hi; address += 1n)
        if (covers(index, address)) return true;
      return false;
    });
  const addresses: bigint[] = [];
  for (let address = ADDRESSES.lo; address <= ADDRESSES.hi; address += 1n) addresses.push(address);
  const open = addresses.filter((address) => active.some((index) => covers(index, address)));
  if (open.length === addresses.length) {
    const single = active.find((index) => addresses.every((address) => covers(index, address)));
    return { kind: 'world', contributors: single === undefined ? active : [single], runs: [] };
  }
  const isPublic = (address: bigint): boolean =>
    publicSpace.some((run) => run.lo <= address && address <= run.hi);
  const runs: BigInterval[] = [];
  for (const address of addresses) {
    if (!open.includes(address) || !isPublic(address)) continue;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.hi + 1n === address) last.hi = address;
    else runs.push({ lo: address, hi: address });
  }
  const broad = runs.filter((run) => run.hi - run.lo + 1n > broadSize);
  if (broad.length === 0) return undefined;
  const contributors = active.filter((index) =>
    broad.some((run) => {
      for (let address = run.lo; address <= run.hi; address += 1n) if (covers(index, address)) return true;
      return false;
    }),
  );
  return { kind: 'broad', contributors, runs: broad };
}

function cellAt(cells: readonly ExposureCell[], protocol: number, detail: number): ExposureCell[] {
  return cells.filter(
    (cell) =>
      cell.protocol.lo <= protocol &&
      protocol <= cell.protocol.hi &&
      cell.detail.lo <= detail &&
      detail <= cell.detail.hi,
  );
}

describe('exposure of a union against point enumeration', () => {
  it(
    'finds world and broad cells exactly, with their contributors and runs',
    () => {
      fc.assert(
        fc.property(
          boxesArbitrary(6),
          publicArbitrary,
          fc.bigInt({ min: 1n, max: 4n }),
          (boxes, publicSpace, broadSize) => {
            const cells = computeExposure(boxes, { addresses: ADDRESSES, publicSpace, broadSize });
            expect(cells).toBeDefined();
            for (let protocol = 0; protocol < PROTOCOLS; protocol += 1) {
              for (let detail = 0; detail < DETAILS; detail += 1) {
                const expected = oracle(boxes, protocol, detail, publicSpace, broadSize);
                const found = cellAt(cells as ExposureCell[], protocol, detail);
                expect(found.length).toBe(expected === undefined ? 0 : 1);
                if (expected === undefined) continue;
                const cell = found[0] as ExposureCell;
                expect({ kind: cell.kind, contributors: cell.contributors, runs: cell.runs }).toEqual(
                  expected,
                );
              }
            }
            for (const cell of cells as ExposureCell[]) {
              expect(cell.protocol.hi).toBeLessThan(PROTOCOLS);
              expect(cell.detail.hi).toBeLessThan(DETAILS);
            }
          },
        ),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'gives up, claiming nothing, when the budget runs out',
    () => {
      fc.assert(
        fc.property(boxesArbitrary(6), fc.integer({ min: 0, max: 40 }), (boxes, operations) => {
          const budget = { remaining: operations, exhausted: false };
          const cells = computeExposure(
            boxes,
            { addresses: ADDRESSES, publicSpace: [], broadSize: 1n },
            budget,
          );
          return budget.exhausted ? cells === undefined : cells !== undefined;
        }),
        FC_PARAMETERS,
      );
    },
    PROPERTY_TIMEOUT,
  );
});
