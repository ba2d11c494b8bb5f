/**
 * One name per file for "is this the same file?" questions: the absolute
 * path with symbolic links resolved, in the file itself when it exists,
 * else in its directory (a file about to be created).
 */
import { realpath } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** The canonical absolute path of `path`. */
export async function canonicalPath(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    try {
      return join(await realpath(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}
