/**
 * How long the fuzz suite hunts: `SGLINT_FUZZ_RUNS` cases per property
 * (default 10,000, what CI runs) from the fixed `SGLINT_FUZZ_SEED`, so a
 * CI failure replays exactly. Raise the runs or change the seed for a
 * longer local hunt:
 *
 *   SGLINT_FUZZ_RUNS=200000 SGLINT_FUZZ_SEED=7 npx vitest run test/fuzz
 */
import type { Parameters } from 'fast-check';

function wholeNumber(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) throw new Error(`expected a whole number, got ${JSON.stringify(value)}`);
  return parsed;
}

/** Cases per property. */
export const FUZZ_RUNS = wholeNumber(process.env.SGLINT_FUZZ_RUNS, 10_000);
/** The seed every property starts from. */
export const FUZZ_SEED = wholeNumber(process.env.SGLINT_FUZZ_SEED, 20_240_607);
/** Cases for properties that spawn the real CLI (each costs a process start). */
export const SPAWN_RUNS = wholeNumber(process.env.SGLINT_FUZZ_SPAWN_RUNS, 50);

/** fast-check parameters for one property. */
export function fuzzParameters<T>(numRuns: number = FUZZ_RUNS): Parameters<T> {
  return { numRuns, seed: FUZZ_SEED, endOnFailure: true };
}

/** A vitest timeout that grows with the number of cases (`perCaseMs` each, at least a minute). */
export function fuzzTimeout(numRuns: number, perCaseMs: number): number {
  return Math.max(60_000, numRuns * perCaseMs);
}
