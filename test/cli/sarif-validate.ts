/**
 * Validates a SARIF file with the SARIF multitool (`--rule-kind
 * "Sarif;Gh"`: the spec rules plus GitHub's ingestion rules) and returns
 * the error-level results. The tool exits 0 even when it finds errors, so
 * its own SARIF output is read.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The error-level findings of the multitool on `file` ("ruleId: message"). */
export function sarifErrors(file: string): string[] {
  const binary = require('@microsoft/sarif-multitool') as string;
  const out = path.join(path.dirname(file), `${path.basename(file)}.validation.sarif`);
  const run = spawnSync(
    binary,
    ['validate', file, '-o', out, '--rule-kind', 'Sarif;Gh', '--log', 'ForceOverwrite'],
    {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
    },
  );
  if (run.status !== 0) throw new Error(`sarif-multitool failed: ${run.stderr || run.stdout}`);
  const log = JSON.parse(readFileSync(out, 'utf8')) as {
    runs: { results?: { level?: string; ruleId?: string; message: { text?: string; id?: string } }[] }[];
  };
  return log.runs
    .flatMap((entry) => entry.results ?? [])
    .filter((result) => result.level === 'error')
    .map((result) => `${result.ruleId}: ${result.message.text ?? result.message.id}`);
}
