/**
 * `sglint explain <check>`: prints a check's doc page (`rules/<id>.md`)
 * in the terminal.
 */
import { checkDoc } from '../engine/docs.js';
import { BUILTIN_CHECKS, findCheck } from '../engine/registry.js';
import { EXIT, type CliIo } from './io.js';

/** Prints the page; exit 2 with the known ids for an unknown check. */
export function runExplain(id: string, io: CliIo): number {
  const check = findCheck(id);
  if (check === undefined) {
    const known = BUILTIN_CHECKS.map((candidate) => candidate.id).join(', ');
    io.stderr.write(`sglint: unknown check "${id}"; known checks: ${known}\n`);
    return EXIT.usage;
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
