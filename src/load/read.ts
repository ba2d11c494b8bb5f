/**
 * Reads the user's inputs: files, directories (every `*.json` and `*.tf`
 * below them) and `-` for standard input. Never throws for a user mistake; problems
 * come back as values naming the file.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { LineTable } from './positions.js';

export interface InputText {
  /** Path as shown to the user (forward slashes, relative to cwd where possible). */
  path: string;
  /** Absolute path, or undefined for standard input. */
  absolute: string | undefined;
  text: string;
  /** True when found by walking a directory (not named by the user). */
  fromDirectory: boolean;
}

export interface InputProblem {
  file: string;
  message: string;
  line?: number;
  column?: number;
}

/** File patterns a directory walk reads: JSON documents and Terraform configuration. */
export const DEFAULT_PATTERNS = ['**/*.json', '**/*.tf'];

/** True for a Terraform configuration file in HCL syntax (read as HCL, not JSON). */
export function isHclPath(file: string): boolean {
  return file.toLowerCase().endsWith('.tf');
}

/** Default cap on one input's size: far above any real project export. */
export const DEFAULT_MAX_INPUT_BYTES = 256 * 1024 * 1024;

export function displayPath(absolute: string, cwd: string): string {
  const relative = path.relative(cwd, absolute);
  const shown = relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  return shown.split(path.sep).join('/');
}

/** Strips a UTF-8 byte order mark. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads a stream of unknown length (standard input, a pipe, a device) but
 * stops as soon as it holds more than `maxBytes`: `sglint /dev/zero` ends
 * with a message instead of exhausting memory. Undefined means too large.
 */
async function readCapped(stream: NodeJS.ReadableStream, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxBytes) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): string {
  return `input is over the limit of ${maxBytes} bytes (raise it with --max-input-size)`;
}

export interface ReadOptions {
  /** Directory relative paths are resolved against; default `process.cwd()`. */
  cwd?: string;
  stdin?: NodeJS.ReadableStream;
  maxInputBytes?: number;
  /** File name patterns for directory walks. */
  patterns?: string[];
  /** Files to skip (config `ignore`): silently in directory walks, with a note when named. */
  ignore?: (absolute: string) => boolean;
}

/** Expands and reads every input path. */
export async function readInputs(
  inputs: readonly string[],
  options: ReadOptions,
): Promise<{ texts: InputText[]; problems: InputProblem[]; ignored: string[] }> {
  const texts: InputText[] = [];
  const problems: InputProblem[] = [];
  const ignored: string[] = [];
  const maxBytes = options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const cwd = options.cwd ?? process.cwd();
  const seen = new Set<string>();

  const readOne = async (absolute: string, fromDirectory: boolean): Promise<void> => {
    const shown = displayPath(absolute, cwd);
    if (options.ignore?.(absolute) === true) {
      if (!fromDirectory && !ignored.includes(shown)) ignored.push(shown);
      return;
    }
    if (seen.has(absolute)) return;
    seen.add(absolute);
    try {
      const info = await stat(absolute);
      if (info.size > maxBytes) {
        problems.push({
          file: shown,
          message: `file is ${info.size} bytes, over the limit of ${maxBytes} (raise it with --max-input-size)`,
        });
        return;
      }
      // A pipe or device (`<(terraform show -json)`, /dev/stdin) has no size to check up front.
      // A file is decoded in one piece: a string built while reading is copied again on first use.
      // It is read synchronously: after the asynchronous read, parsing the text measured ~30% slower
      // (its garbage collections took longer), and a CLI run has nothing to do meanwhile.
      const raw = info.isFile()
        ? readFileSync(absolute).toString('utf8')
        : await readCapped(createReadStream(absolute), maxBytes);
      if (raw === undefined) {
        problems.push({ file: shown, message: tooLarge(maxBytes) });
        return;
      }
      texts.push({ path: shown, absolute, text: stripBom(raw), fromDirectory });
    } catch (error) {
      problems.push({ file: shown, message: `cannot read file: ${describeFsError(error)}` });
    }
  };

  for (const input of inputs) {
    if (input === '-') {
      if (options.stdin === undefined) {
        problems.push({ file: '<stdin>', message: 'standard input is not available' });
        continue;
      }
      let raw: string | undefined;
      try {
        raw = await readCapped(options.stdin, maxBytes);
      } catch (error) {
        problems.push({ file: '<stdin>', message: `cannot read standard input: ${describeFsError(error)}` });
        continue;
      }
      if (raw === undefined) {
        problems.push({ file: '<stdin>', message: tooLarge(maxBytes) });
        continue;
      }
      texts.push({ path: '<stdin>', absolute: undefined, text: stripBom(raw), fromDirectory: false });
      continue;
    }
    const absolute = path.resolve(cwd, input);
    let info;
    try {
      info = await stat(absolute);
    } catch (error) {
      problems.push({ file: input, message: `cannot read: ${describeFsError(error)}` });
      continue;
    }
    if (info.isDirectory()) {
      let found: string[];
      try {
        // Loaded on use: a run over named files needs no directory walker.
        const { glob } = await import('tinyglobby');
        // Symbolic links are not followed, so a link loop cannot make the walk endless.
        found = await glob(options.patterns ?? DEFAULT_PATTERNS, {
          cwd: absolute,
          absolute: true,
          dot: false,
          followSymbolicLinks: false,
          ignore: ['**/node_modules/**'],
        });
      } catch (error) {
        problems.push({ file: input, message: `cannot read directory: ${describeFsError(error)}` });
        continue;
      }
      if (found.length === 0) {
        problems.push({ file: input, message: 'directory holds no *.json or *.tf files' });
      }
      for (const file of found.sort()) await readOne(path.resolve(file), true);
    } else {
      await readOne(absolute, false);
    }
  }
  return { texts, problems, ignored };
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ERR_STRING_TOO_LONG':
      return 'too large to hold in memory as text';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/** Parses JSON; on failure returns the first error's 1-based line and column. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; line: number; column: number; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const errors: ParseError[] = [];
    try {
      parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    } catch {
      // jsonc-parser recurses; a document nested too deeply for it gets the generic message.
    }
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const { line, column } = new LineTable(text).position(offset);
    const reason = first === undefined ? 'invalid JSON' : describeParseError(printParseErrorCode(first.error));
    return { ok: false, line, column, message: text.trim() === '' ? 'file is empty; expected JSON' : reason };
  }
}

function describeParseError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON: ${words}`;
}
