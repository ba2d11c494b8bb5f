/**
 * The whole pipeline as a library call: load → model → checks → findings.
 * No printing and no process exit here; the CLI and library users decide.
 */
import { loadDocuments, loadTexts, type LoadOptions, type LoadResult } from '../load/index.js';
import type { InputText } from '../load/read.js';
import type { LoadProblem, Model } from '../model/types.js';
import { locatePointers } from '../load/positions.js';
import { pointerSegment } from '../model/normalize.js';
import type { Check, SharedSettings } from './check.js';
import type { Finding } from './finding.js';
import { BUILTIN_CHECKS } from './registry.js';
import { runChecks, type CheckFailure } from './run.js';
import { defaultShared, validateSettings, type CheckSetting, type Preset } from './settings.js';
import { resolveWithOverrides, type GroupOverride } from './overrides.js';
import { labelSuppressions, suppressionLookup } from './suppress.js';
import { applyBaseline } from './baseline.js';
import { summarize, type Summary } from '../report/summary.js';

export interface LintOptions {
  preset?: Preset;
  checks?: Record<string, CheckSetting>;
  /** Extra checks (plugins), run after the built-in ones. */
  extraChecks?: Check<unknown>[];
  shared?: Partial<SharedSettings>;
  /** Settings for the groups whose name matches a glob; later entries win. */
  overrides?: GroupOverride[];
  /** Honour `sglint-disable` group labels (default true). */
  labelSuppressions?: boolean;
  /** Fingerprints accepted earlier: matching findings are suppressed. */
  baseline?: { fingerprints: ReadonlySet<string>; file: string };
  /** Names the settings' origin (the config file) in errors. */
  settingsSource?: string;
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
  const { model, groupProblems } = loaded;
  validateSettings(options.preset ?? 'recommended', options.checks ?? {}, options.settingsSource);
  const enabled = resolveWithOverrides(
    checks,
    options.preset ?? 'recommended',
    options.checks ?? {},
    options.overrides ?? [],
    model.groups,
    options.settingsSource,
  );
  const shared = { ...defaultShared(), ...options.shared };
  const useLabels = options.labelSuppressions !== false;
  const labelProblems = useLabels ? unknownLabelChecks(model, checks) : [];
  const suppressions = useLabels ? suppressionLookup() : undefined;
  const run = runChecks(model, enabled, shared, groupProblems, options.workBudget, suppressions);
  if (options.baseline !== undefined) {
    applyBaseline(run.findings, options.baseline.fingerprints, options.baseline.file);
  }
  const counts = {
    files: model.files.length,
    groups: model.groups.length,
    rules: model.groups.reduce((total, group) => total + group.rules.length, 0),
  };
  return {
    findings: run.findings,
    summary: summarize(run.findings, counts),
    problems: [...model.problems, ...labelProblems],
    failures: run.failures,
    incomplete: run.incomplete,
    inputFiles: loaded.inputFiles ?? [],
    model,
    checks,
  };
}

/** Non-fatal problems for suppression labels that name no known check. */
function unknownLabelChecks(model: Model, checks: readonly Check<unknown>[]): LoadProblem[] {
  const ids = new Set(checks.map((check) => check.id));
  const problems: LoadProblem[] = [];
  for (const group of model.groups) {
    for (const suppression of labelSuppressions(group)) {
      if (ids.has(suppression.check)) continue;
      const file = model.files[group.source.file];
      const pointer = `${group.source.pointer}/labels/${pointerSegment(suppression.label)}`;
      const at = group.source.position ?? locatePointers(file?.text ?? '', [pointer]).get(pointer);
      const unknown = `unknown check "${suppression.check}"`;
      problems.push({
        file: file?.path ?? '<unknown>',
        message: `group "${group.name}" label ${suppression.label} names ${unknown}`,
        ...(at === undefined ? {} : { line: at.line, column: at.column }),
        fatal: false,
      });
    }
  }
  return problems;
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
