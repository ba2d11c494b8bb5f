/**
 * `--format` values: `name` or `name=FILE`, repeatable, so one run feeds
 * several consumers. The one format without `=FILE` goes to `--output`
 * or standard output.
 */
import path from 'node:path';
import { FORMAT_NAMES } from '../report/index.js';

export interface FormatTarget {
  format: string;
  /** File to write (atomically); undefined = standard output. */
  file: string | undefined;
}

/** Parses the specs; returns an error message for the user instead of throwing. */
export function parseFormatTargets(
  specs: readonly string[],
  output: string | undefined,
  cwd: string,
): { targets: FormatTarget[] } | { error: string } {
  const given = specs.length === 0 ? ['stylish'] : specs;
  const targets: FormatTarget[] = [];
  for (const spec of given) {
    const split = spec.indexOf('=');
    const format = split === -1 ? spec : spec.slice(0, split);
    const file = split === -1 ? undefined : spec.slice(split + 1);
    if (!FORMAT_NAMES.includes(format)) {
      return { error: `unknown format "${format}"; expected one of ${FORMAT_NAMES.join(', ')}` };
    }
    if (file === '') return { error: `--format ${spec}: expected a file name after "="` };
    targets.push({ format, file });
  }

  const unnamed = targets.filter((target) => target.file === undefined);
  if (unnamed.length > 1) {
    return {
      error:
        `formats ${unnamed.map((target) => target.format).join(', ')} would all go to one place; ` +
        'give each but one a file, e.g. --format sarif=sglint.sarif',
    };
  }
  if (output !== undefined) {
    const [only] = unnamed;
    if (only === undefined) {
      return {
        error: '--output names the file of the format given without "=FILE", but every --format has a file',
      };
    }
    only.file = output;
  }

  const seen = new Set<string>();
  for (const target of targets) {
    if (target.file === undefined) continue;
    const absolute = path.resolve(cwd, target.file);
    if (seen.has(absolute)) return { error: `two formats would be written to ${target.file}` };
    seen.add(absolute);
  }
  return { targets };
}
