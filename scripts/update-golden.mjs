#!/usr/bin/env node
/**
 * Regenerates the expected outputs beside each fixture by running the built
 * CLI: `<name>.stylish.txt`, `<name>.report.txt` and `<name>.exit`.
 * Cases are listed in scripts/fixture-cases.json. Run `npm run build` first
 * (or `npm run golden`, which does both). Read the diff before committing:
 * a golden file is only as right as the person who checked it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'sglint.js');
if (!existsSync(path.join(root, 'dist', 'src', 'cli', 'main.js'))) {
  process.stderr.write('update-golden: dist/ is missing; run "npm run build" first\n');
  process.exit(2);
}

const cases = JSON.parse(readFileSync(path.join(root, 'scripts', 'fixture-cases.json'), 'utf8'));
const outputs = [
  { format: 'stylish', suffix: '.stylish.txt' },
  { format: 'json', suffix: '.report.txt' },
];

for (const { name, inputs } of cases) {
  let exitCode;
  for (const { format, suffix } of outputs) {
    const run = spawnSync(process.execPath, [cli, ...inputs, '--format', format, '--no-color'], {
      cwd: root,
      encoding: 'utf8',
    });
    // A lint run ends with one summary line on stderr (its time varies); anything else is a problem.
    const stderr = run.stderr.replace(/^sglint: \d+ errors?, .* in \d+ files?, \d+\.\d\ds\n$/m, '');
    if (stderr !== '') {
      process.stderr.write(`update-golden: ${name} (${format}) wrote to stderr:\n${stderr}`);
      process.exit(1);
    }
    if (exitCode !== undefined && exitCode !== run.status) {
      process.stderr.write(
        `update-golden: ${name} exits ${exitCode} and ${run.status} for different formats\n`,
      );
      process.exit(1);
    }
    exitCode = run.status;
    writeFileSync(path.join(root, `${name}${suffix}`), run.stdout);
  }
  writeFileSync(path.join(root, `${name}.exit`), `${exitCode}\n`);
  process.stdout.write(`${name}: exit ${exitCode}\n`);
}
