/**
 * Finds and reads `sglint.config.json`: named with `--config`, else the
 * first one found walking up from the working directory. Problems become
 * a ConfigError naming the file, the key path and what is allowed
 * (validation is in `parse.ts`).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { displayPath } from '../load/read.js';
import { ConfigError } from './error.js';
import { CONFIG_FILE_NAME } from './file-name.js';
import type { ConfigInput } from './schema.js';

export { ConfigError };

export interface LoadedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** The file as shown in messages. */
  shown: string;
  config: ConfigInput;
}

/** The nearest `sglint.config.json` at or above `start`, if any. */
export function findConfig(start: string): string | undefined {
  let directory = path.resolve(start);
  for (;;) {
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(directory);
    if (parent === directory) return undefined;
    directory = parent;
  }
}

/** Reads the config named by `explicit`, or the one found upward from `cwd`; undefined when there is none. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig | undefined> {
  const file = explicit === undefined ? findConfig(cwd) : path.resolve(cwd, explicit);
  if (file === undefined) return undefined;
  const shown = displayPath(file, cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'unreadable');
    throw new ConfigError(`${shown}: cannot read config: ${reason}`);
  }
  // The schema is built on first use: most runs have no config file.
  const { parseConfig } = await import('./parse.js');
  return { file, shown, config: parseConfig(text, shown) };
}
