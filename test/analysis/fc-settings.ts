/**
 * fast-check parameters shared by the property tests: at least 1,000 runs
 * and a fixed seed, both overridable (SGLINT_FC_RUNS, SGLINT_FC_SEED) to
 * explore further or to replay a failure.
 */
const runs = Number(process.env.SGLINT_FC_RUNS ?? '1000');
const seed = Number(process.env.SGLINT_FC_SEED ?? '20240501');

export const FC_PARAMETERS = {
  numRuns: Number.isInteger(runs) && runs > 0 ? runs : 1000,
  seed: Number.isInteger(seed) ? seed : 20240501,
};

/** Vitest timeout for one property (runs scale with SGLINT_FC_RUNS; shared machines are slow). */
export const PROPERTY_TIMEOUT = Math.max(60_000, FC_PARAMETERS.numRuns * 60);
