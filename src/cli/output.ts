/**
 * Writing reports: to stdout, or to a file, never over a file the run read.
 * A regular file is replaced atomically (temporary file and rename); a FIFO,
 * device or other special file is written into, so that it stays what it is.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import { canonicalPath } from '../load/canonical.js';

export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** A file the run read, and what it was to the run (named in the refusal). */
export interface ReadFile {
  file: string;
  /** E.g. `input file`, `config file`, `baseline file`, `plugin module`. */
  role: string;
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
 * Throws when `target` is one of the `read` files, also when one of the two
 * names is a symbolic link to the other. Standard input (`-`) is no file.
 */
export async function refuseOverRead(target: string, read: readonly ReadFile[], cwd: string): Promise<void> {
  const canonicalTarget = await canonicalPath(path.resolve(cwd, target));
  for (const { file, role } of read) {
    if (file !== '-' && (await canonicalPath(path.resolve(cwd, file))) === canonicalTarget) {
      throw new OutputError(`refusing to write the report over ${role} ${target}`);
    }
  }
}

/**
 * The status of `absolute` (symbolic links followed) when it exists and is
 * neither a regular file nor a directory: a FIFO, device or socket. A rename
 * would replace such a file with a regular one: `-o /dev/null` run as root
 * would destroy /dev/null, and `-o /dev/stdout` on a pipe would fail.
 */
async function specialFile(absolute: string): Promise<Stats | undefined> {
  try {
    const stats = await stat(absolute);
    return stats.isFile() || stats.isDirectory() ? undefined : stats;
  } catch {
    return undefined;
  }
}

/**
 * Writes into the special file `absolute`. Opened without O_CREAT and
 * O_TRUNC, so that a regular file put there since the check is neither
 * created nor cut short: then it returns false and the caller replaces it
 * atomically instead. Opening a FIFO waits for a reader, as a shell's `>` does.
 */
async function writeInto(absolute: string, text: string): Promise<boolean> {
  const handle = await open(absolute, constants.O_WRONLY);
  try {
    if ((await handle.stat()).isFile()) return false;
    await handle.writeFile(text, 'utf8');
    return true;
  } finally {
    await handle.close();
  }
}

/**
 * Writes `text` to `target`: a regular file (or a new one) atomically, a
 * special file directly. Refuses to replace a file the run read.
 */
export async function writeOutput(
  target: string,
  text: string,
  read: readonly ReadFile[],
  cwd: string,
  options: WriteOptions = {},
): Promise<void> {
  const absolute = path.resolve(cwd, target);
  await refuseOverRead(target, read, cwd);
  const special = await specialFile(absolute);
  // Loaded on use: it and its exit hooks cost start-up time that a run writing to standard output need not pay.
  const { default: writeFileAtomic } = await import('write-file-atomic');
  try {
    if (special !== undefined && (await writeInto(absolute, text))) return;
    await writeFileAtomic(absolute, text, { encoding: 'utf8', fsync: options.durable !== false });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    // Linux opens no socket by name, not even /dev/stdout when a parent process made stdout a socket pair.
    const socket = code === 'ENXIO' && special?.isSocket() === true ? ' (a socket cannot be opened by name)' : '';
    throw new OutputError(
      `cannot write ${target}: ${code === 'ENOENT' ? 'directory does not exist' : code}${socket}`,
    );
  }
}
