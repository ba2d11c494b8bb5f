/**
 * Writing reports: to stdout, or atomically to a file (temporary file and
 * rename), never over one of the run's inputs.
 */
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { canonicalPath } from '../load/canonical.js';

export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

export interface WriteOptions {
  /**
   * Flush the file to disk before the rename (default true). A report can be
   * made again from its inputs, so it skips the flush: readers still see the
   * old file or the whole new one, and only a machine crash right after the
   * run could leave it empty. Flushing a 16 MB report took about 40 ms here.
   */
  durable?: boolean;
}

/**
 * Writes `text` to `target` atomically; refuses to replace an input file,
 * also when one of the two names is a symbolic link to the other.
 */
export async function writeOutput(
  target: string,
  text: string,
  inputs: readonly string[],
  cwd: string,
  options: WriteOptions = {},
): Promise<void> {
  const absolute = path.resolve(cwd, target);
  const canonicalTarget = await canonicalPath(absolute);
  for (const input of inputs) {
    if (input !== '-' && (await canonicalPath(path.resolve(cwd, input))) === canonicalTarget) {
      throw new OutputError(`refusing to write the report over input file ${target}`);
    }
  }
  try {
    await writeFileAtomic(absolute, text, { encoding: 'utf8', fsync: options.durable !== false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`cannot write ${target}: ${code === 'ENOENT' ? 'directory does not exist' : code}`);
  }
}
