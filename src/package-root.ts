/**
 * The installed sglint package's own folder, for files shipped next to the
 * code (package.json, rules/*.md). Found by walking up from this module to
 * the package.json named sglint, because the code runs at several depths:
 * from source (`src/`, under vitest), compiled (`dist/src/`) and bundled
 * into the CLI (`dist/sglint.mjs` and its chunks in `dist/chunks/`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'sglint';

function manifestName(folder: string): string | undefined {
  try {
    const manifest: unknown = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const name = (manifest as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** The nearest folder at or above `start` whose package.json is sglint's; throws when there is none. */
export function findPackageRoot(start: string): string {
  let folder = start;
  for (;;) {
    if (manifestName(folder) === PACKAGE_NAME) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${start}`);
    folder = parent;
  }
}

/** The folder of sglint's package.json. */
export const PACKAGE_ROOT: string = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));
