/** The package version, read once from package.json. */
import { existsSync, readFileSync } from 'node:fs';

// Two levels up from the sources (src/cli), three from the build (dist/src/cli).
const packageUrl = [
  new URL('../../package.json', import.meta.url),
  new URL('../../../package.json', import.meta.url),
].find((url) => existsSync(url));
const packageJson = JSON.parse(
  readFileSync(packageUrl ?? new URL('../../../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

export const VERSION: string = packageJson.version;
