/**
 * `sglint explain <check>`: prints a check's doc page (`rules/<id>.md`)
 * in the terminal.
 */
import { checkDoc } from '../engine/docs.js';
import { findCheck } from '../engine/registry.js';
import { inert } from '../report/text.js';
import { EXIT, type CliIo } from './io.js';
import { knownChecks } from './plugin-checks.js';

/**
 * Prints the page; exit 2 with the known ids for an unknown check. A
 * plugin check (of the config found upward, or of `configFile`) has no
 * page here: its description, default severity and plugin are printed.
 */
export async function runExplain(id: string, io: CliIo, configFile?: string): Promise<number> {
  let check = findCheck(id);
  if (check === undefined) {
    const { checks, pluginOrigin } = await knownChecks(io, configFile);
    check = findCheck(id, checks);
    const origin = pluginOrigin.get(id);
    if (check === undefined || origin === undefined) {
      const known = checks.map((candidate) => candidate.id).join(', ');
      io.stderr.write(`sglint: unknown check "${inert(id)}"; known checks: ${known}\n`);
      return EXIT.usage;
    }
    io.stdout.write(
      `# ${check.id}\n\n${inert(check.description)}\n\n` +
        `Default severity: ${check.defaultSeverity}. From plugin ${inert(origin)}.\n`,
    );
    return EXIT.ok;
  }
  const doc = checkDoc(check.id, io.docsDir);
  if (doc === undefined) {
    io.stdout.write(`# ${check.id}\n\n${check.description}\n`);
    io.stderr.write(`sglint: no doc page for ${check.id} in this installation\n`);
    return EXIT.ok;
  }
  io.stdout.write(doc.endsWith('\n') ? doc : `${doc}\n`);
  return EXIT.ok;
}
