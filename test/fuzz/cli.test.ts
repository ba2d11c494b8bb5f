import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { hostileText } from './arbitraries.js';
import { checkCliRun, runCli } from './harness.js';
import { FUZZ_RUNS, fuzzParameters, fuzzTimeout } from './settings.js';

const TIMEOUT = fuzzTimeout(FUZZ_RUNS, 40);
const workDir = mkdtempSync(path.join(tmpdir(), 'sglint-fuzz-cli-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const cliOptions = fc.record({
  format: fc.constantFrom(...FORMAT_NAMES),
  failOn: fc.constantFrom('error', 'warning', 'note', 'never'),
  quiet: fc.boolean(),
  color: fc.boolean(),
});

function argsFor(options: { format: string; failOn: string; quiet: boolean; color: boolean }): string[] {
  return [
    '--format',
    options.format,
    '--fail-on',
    options.failOn,
    ...(options.quiet ? ['--quiet'] : []),
    // Colour only for stylish: the inert check reads text a terminal would show.
    ...(options.color && options.format !== 'stylish' ? ['--color'] : ['--no-color']),
  ];
}

describe('fuzzing the CLI in process', () => {
  it(
    'reads hostile standard input: exit 0, 1 or 2, no stack trace, a valid report, same bytes twice',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileText, cliOptions, async (text, options) => {
          const argv = ['-', ...argsFor(options)];
          const first = await runCli(argv, { stdin: text, cwd: workDir });
          checkCliRun(first, options.format);
          const second = await runCli(argv, { stdin: text, cwd: workDir });
          if (JSON.stringify(first) !== JSON.stringify(second))
            throw new Error('two runs on the same input differ');
        }),
        fuzzParameters(),
      );
    },
    TIMEOUT,
  );

  it(
    'reads hostile files and directories the same way',
    async () => {
      let caseNumber = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(hostileText, { minLength: 1, maxLength: 3 }),
          cliOptions,
          async (texts, options) => {
            caseNumber += 1;
            const dir = path.join(workDir, `case-${caseNumber}`);
            const files = texts.map((text, index) => path.join(dir, `in-${index}.json`));
            rmSync(dir, { recursive: true, force: true });
            mkdirSync(dir, { recursive: true });
            texts.forEach((text, index) => writeFileSync(files[index] as string, text));
            const argv = [
              caseNumber % 2 === 0 ? `case-${caseNumber}` : path.relative(workDir, files[0] as string),
              ...argsFor(options),
            ];
            const first = await runCli(argv, { cwd: workDir });
            checkCliRun(first, options.format);
            const second = await runCli(argv, { cwd: workDir });
            rmSync(dir, { recursive: true, force: true });
            if (JSON.stringify(first) !== JSON.stringify(second))
              throw new Error('two runs on the same input differ');
          },
        ),
        fuzzParameters(),
      );
    },
    TIMEOUT,
  );
});
