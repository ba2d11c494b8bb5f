/**
 * Loading: read inputs, detect each document's shape, build one model.
 */
import type { Model } from '../model/types.js';
import { addReadResult, createBuildState, type GroupProblem } from './build.js';
import { parseJson, readInputs, type InputText, type ReadOptions } from './read.js';
import { READERS, acceptedShapes } from './readers.js';
import type { ShapeReader } from './records.js';

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

/** Adds already-read texts to a model (used by files, stdin and live snapshots). */
export function loadTexts(texts: readonly InputText[], readers: readonly ShapeReader[] = READERS): LoadResult {
  const state = createBuildState();
  for (const input of texts) addText(state, input, readers);
  const inputFiles = texts.flatMap((input) => (input.absolute === undefined ? [] : [input.absolute]));
  return { model: state.model, groupProblems: state.groupProblems, inputFiles };
}

function addText(state: ReturnType<typeof createBuildState>, input: InputText, readers: readonly ShapeReader[]): void {
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
      message: input.fromDirectory
        ? 'skipped: not a security-group document'
        : `unknown document shape; expected ${acceptedShapes(readers).join(', or ')}`,
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

/** Reads every input and builds the model. */
export async function loadDocuments(
  inputs: readonly string[],
  options: LoadOptions = {},
): Promise<LoadResult> {
  const { texts, problems } = await readInputs(inputs, options);
  const result = loadTexts([...texts, ...(options.extraTexts ?? [])], options.readers ?? READERS);
  for (const problem of problems) {
    result.model.problems.push({ file: problem.file, message: problem.message, fatal: true });
  }
  return result;
}
