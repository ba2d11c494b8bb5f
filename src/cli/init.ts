/**
 * `sglint init`: writes a starter `sglint.config.json` in the working
 * directory, with the preset and a `$schema` reference for editors. It
 * never replaces an existing file.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE_NAME } from '../config/file-name.js';
import { EXIT, type CliIo } from './io.js';

/** Where the shipped JSON Schema is, seen from a project that installed sglint. */
export const SCHEMA_REFERENCE = './node_modules/sglint/schema/sglint.config.schema.json';

/** The starter config text. */
export function starterConfig(): string {
  return `${JSON.stringify({ $schema: SCHEMA_REFERENCE, preset: 'recommended' }, null, 2)}\n`;
}

/** Writes the starter config; exit 2 when a config is already there. */
export async function runInit(io: CliIo): Promise<number> {
  const file = path.join(io.cwd, CONFIG_FILE_NAME);
  try {
    await writeFile(file, starterConfig(), { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      io.stderr.write(`sglint: ${CONFIG_FILE_NAME} already exists; not overwriting it\n`);
    } else {
      io.stderr.write(`sglint: cannot write ${CONFIG_FILE_NAME}: ${code ?? 'error'}\n`);
    }
    return EXIT.usage;
  }
  io.stdout.write(`sglint: wrote ${CONFIG_FILE_NAME} (preset "recommended")\n`);
  return EXIT.ok;
}
