/**
 * Loading: read inputs, detect each document's shape, build one model.
 * JSON documents go through the shape readers; Terraform `.tf` files are
 * parsed as HCL first (asynchronously) and read by the HCL reader.
 */
import type { Model } from '../model/types.js';
import { addReadResult, createBuildState, finishModel, type BuildState, type GroupProblem } from './build.js';
import { isHclPath, parseJson, readInputs, type InputText, type ReadOptions } from './read.js';
import { HCL_READER, READERS, acceptedShapes } from './readers.js';
import { hclOffsets } from './hcl-positions.js';
import type { ReadResult, ShapeReader } from './records.js';
import { groupsPassedToModules, parseHcl, type HclParse } from './terraform-hcl.js';
import { applyOverrides } from './terraform-override.js';

export interface LoadOptions extends ReadOptions {
  readers?: ShapeReader[];
  /** Documents already in memory (a live snapshot), linted with the files. */
  extraTexts?: InputText[];
}

export interface LoadResult {
  model: Model;
  /** Problems with a group object itself (reported by `invalid-rule`). */
  groupProblems: GroupProblem[];
  /** Absolute paths of every file read, whatever its shape (a report must never replace one). */
  inputFiles?: string[];
}

/** An input text, with its HCL parse when it is a `.tf` file. */
export interface LoadInput extends InputText {
  hcl?: HclParse;
}

/**
 * Adds already-read texts to a model (used by files, stdin and live
 * snapshots). `.tf` texts must carry their HCL parse (see `loadDocuments`).
 */
export function loadTexts(texts: readonly LoadInput[], readers: readonly ShapeReader[] = READERS): LoadResult {
  const state = createBuildState();
  // Override files merge into their module's blocks before any file is read.
  for (const [file, dropped] of applyOverrides(texts.filter((input) => isHclPath(input.path)))) {
    if (dropped.length === 0) continue;
    state.model.problems.push({
      file,
      message: `override blocks without a block to override were not read: ${dropped.join(', ')}`,
      fatal: false,
    });
  }
  for (const input of texts) {
    if (isHclPath(input.path)) addHcl(state, input);
    else addText(state, input, readers);
  }
  finishModel(state);
  markGroupsPassedToModules(state, texts);
  const inputFiles = texts.flatMap((input) => (input.absolute === undefined ? [] : [input.absolute]));
  return { model: state.model, groupProblems: state.groupProblems, inputFiles };
}

/** Groups a `.tf` module call receives may be attached where sglint cannot see: not judged unused. */
function markGroupsPassedToModules(state: BuildState, texts: readonly LoadInput[]): void {
  const passed = new Set<string>();
  for (const input of texts) {
    if (isHclPath(input.path) && input.hcl?.ok === true) {
      for (const key of groupsPassedToModules(input.path, input.hcl.value)) passed.add(key);
    }
  }
  if (passed.size === 0) return;
  for (const group of state.model.groups) {
    if (group.refs?.some((ref) => passed.has(ref)) === true) group.passedToModule = true;
  }
}

function addHcl(state: BuildState, input: LoadInput): void {
  const { model } = state;
  const parsed = input.hcl;
  if (parsed === undefined || !parsed.ok) {
    model.problems.push({
      file: input.path,
      message: parsed?.message ?? 'Terraform files are parsed by loadDocuments; this text was not',
      line: parsed?.line ?? 1,
      column: parsed?.column ?? 1,
      fatal: true,
    });
    return;
  }
  const file = model.files.length;
  model.files.push({ path: input.path, text: input.text, format: 'hcl' });
  addReadResult(state, file, inTextOrder(HCL_READER.read(parsed.value, input.path), input.text));
}

/** hcl2json sorts blocks by name; put the records back in the order the file has them. */
function inTextOrder(result: ReadResult, text: string): ReadResult {
  const offsets = hclOffsets(text);
  const byOffset = (a: { pointer: string }, b: { pointer: string }): number =>
    (offsets.get(a.pointer) ?? 0) - (offsets.get(b.pointer) ?? 0);
  result.groups.sort(byOffset);
  result.rules.sort(byOffset);
  result.nics.sort(byOffset);
  result.servers.sort(byOffset);
  return result;
}

function addText(state: BuildState, input: InputText, readers: readonly ShapeReader[]): void {
  const { model } = state;
  const parsed = parseJson(input.text);
  if (!parsed.ok) {
    model.problems.push({
      file: input.path,
      message: parsed.message,
      line: parsed.line,
      column: parsed.column,
      fatal: true,
    });
    return;
  }
  const reader = readers.find((candidate) => candidate.accepts(parsed.value, input.path));
  if (reader === undefined) {
    model.problems.push({
      file: input.path,
      message: unknownShapeMessage(parsed.value, input, readers),
      line: 1,
      column: 1,
      fatal: !input.fromDirectory,
    });
    return;
  }
  const file = model.files.length;
  model.files.push({ path: input.path, text: input.text, format: 'json' });
  addReadResult(state, file, reader.read(parsed.value, input.path));
}

/** What to say about a document no reader takes, with a hint for near misses. */
function unknownShapeMessage(value: unknown, input: InputText, readers: readonly ShapeReader[]): string {
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  let hint = '';
  if (typeof object.terraform_version === 'string' && Array.isArray(object.resources)) {
    hint = 'this is a raw Terraform state file; lint the output of `terraform show -json` instead';
  } else if (input.path.endsWith('.tf.json')) {
    hint = 'Terraform JSON configuration (.tf.json) is not read; lint the .tf files, or a plan or state from `terraform show -json`';
  }
  if (input.fromDirectory) return hint === '' ? 'skipped: not a security-group document' : `skipped: ${hint}`;
  const expected = `unknown document shape; expected ${acceptedShapes(readers).join(', or ')}`;
  return hint === '' ? expected : `${hint} (${expected})`;
}

/** Parses the `.tf` texts among the inputs. */
export async function withHclParses(texts: readonly InputText[]): Promise<LoadInput[]> {
  const result: LoadInput[] = [];
  for (const input of texts) {
    result.push(isHclPath(input.path) ? { ...input, hcl: await parseHcl(input.path, input.text) } : input);
  }
  return result;
}

/** Reads every input and builds the model. */
export async function loadDocuments(
  inputs: readonly string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const { texts, problems, ignored } = await readInputs(inputs, options);
  const parsed = await withHclParses([...texts, ...(options.extraTexts ?? [])]);
  const result = loadTexts(parsed, options.readers ?? READERS);
  for (const problem of problems) {
    result.model.problems.push({ file: problem.file, message: problem.message, fatal: true });
  }
  const { model } = result;
  if (
    model.files.length === 0 &&
    ignored.length === 0 &&
    inputs.length > 0 &&
    !model.problems.some((problem) => problem.fatal)
  ) {
    model.problems.push({
      file: inputs.join(', '),
      message: 'no security-group document found: nothing was linted',
      fatal: true,
    });
  }
  for (const file of ignored) {
    const message = 'skipped: matches an ignore glob of the config';
    result.model.problems.push({ file, message, fatal: false });
  }
  return result;
}
