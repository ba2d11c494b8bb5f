/**
 * The whole pipeline as a library call: load → model → checks → findings.
 * No printing and no process exit here; the CLI and library users decide.
 */
import { loadDocuments, loadTexts, type LoadOptions, type LoadResult } from '../load/index.js';
import type { InputText } from '../load/read.js';
import type { LoadProblem, Model } from '../model/types.js';
import type { Check, SharedSettings } from './check.js';
import type { Finding } from './finding.js';
import { BUILTIN_CHECKS } from './registry.js';
import { runChecks, type CheckFailure } from './run.js';
import { defaultShared, resolveChecks, type CheckSetting, type Preset } from './settings.js';
import { summarize, type Summary } from '../report/summary.js';

export interface LintOptions {
  preset?: Preset;
  checks?: Record<string, CheckSetting>;
  /** Extra checks (plugins), run after the built-in ones. */
  extraChecks?: Check<unknown>[];
  shared?: Partial<SharedSettings>;
  workBudget?: number;
}

export interface LintResult {
  findings: Finding[];
  summary: Summary;
  problems: LoadProblem[];
  failures: CheckFailure[];
  /** Names of the groups whose analysis stopped at the work bound (set-based findings may be missing). */
  incomplete: string[];
  /** Absolute paths of every file read. */
  inputFiles: string[];
  model: Model;
  checks: readonly Check<unknown>[];
}

/** Lints an already loaded model. */
export function lintModel(loaded: LoadResult, options: LintOptions = {}): LintResult {
  const checks = [...BUILTIN_CHECKS, ...(options.extraChecks ?? [])];
  const enabled = resolveChecks(checks, options.preset ?? 'recommended', options.checks ?? {});
  const shared = { ...defaultShared(), ...options.shared };
  const { model, groupProblems } = loaded;
  const run = runChecks(model, enabled, shared, groupProblems, options.workBudget);
  const counts = {
    files: model.files.length,
    groups: model.groups.length,
    rules: model.groups.reduce((total, group) => total + group.rules.length, 0),
  };
  return {
    findings: run.findings,
    summary: summarize(run.findings, counts),
    problems: model.problems,
    failures: run.failures,
    incomplete: run.incomplete,
    inputFiles: loaded.inputFiles ?? [],
    model,
    checks,
  };
}

/** Reads the inputs (paths, directories, `-`) and lints them. */
export async function lint(
  inputs: readonly string[],
  options: LintOptions & LoadOptions = {},
): Promise<LintResult> {
  return lintModel(await loadDocuments(inputs, options), options);
}

/** Lints documents given as text (for tests and library users). */
export function lintTexts(texts: readonly { path: string; text: string }[], options: LintOptions = {}): LintResult {
  const inputs: InputText[] = texts.map((text) => ({ ...text, absolute: undefined, fromDirectory: false }));
  return lintModel(loadTexts(inputs), options);
}
