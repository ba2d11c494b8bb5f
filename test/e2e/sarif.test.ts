import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, assertFreshBuild, runCli } from './cli.js';

interface FixtureCase {
  name: string;
  inputs: string[];
}

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules?: { id: string }[] } };
    results?: {
      ruleId?: string;
      level?: string;
      message: { text?: string; id?: string };
      locations?: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
      partialFingerprints?: Record<string, string>;
    }[];
  }[];
}

const require = createRequire(import.meta.url);
/** The platform binary of @microsoft/sarif-multitool (a self-contained .NET executable). */
const MULTITOOL = require('@microsoft/sarif-multitool') as string;
/** The SARIF 2.1.0 JSON schema shipped beside it. */
const SCHEMA = JSON.parse(readFileSync(path.join(path.dirname(MULTITOOL), 'sarif-2.1.0.json'), 'utf8')) as object;

const cases = JSON.parse(readFileSync(path.join(ROOT, 'scripts', 'fixture-cases.json'), 'utf8')) as FixtureCase[];
let work: string;

beforeAll(() => {
  assertFreshBuild();
  work = mkdtempSync(path.join(tmpdir(), 'sglint-sarif-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Runs `sarif-multitool validate` with the SARIF spec rules and GitHub's
 * ingestion rules. The tool exits 0 even when it finds errors, so the
 * results in its output log are what count. It is called directly, not
 * through its npm bin, because that wrapper runs a shell that would split
 * "Sarif;Gh" at the semicolon.
 */
function multitoolErrors(file: string): string[] {
  const out = `${file}.validation.sarif`;
  const run = spawnSync(MULTITOOL, ['validate', file, '-o', out, '--rule-kind', 'Sarif;Gh'], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const log = JSON.parse(readFileSync(out, 'utf8')) as SarifLog;
  expect(log.runs[0]?.tool.driver.name).toBe('Sarif.Multitool');
  return (log.runs[0]?.results ?? [])
    .filter((result) => result.level === 'error')
    .map((result) => `${result.ruleId}: ${JSON.stringify(result.message)}`);
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSchema = ajv.compile(SCHEMA);

function schemaErrors(log: unknown): string[] {
  if (validateSchema(log)) return [];
  return (validateSchema.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe.each(cases)('SARIF for $name', ({ name, inputs }) => {
  let file: string;
  let status: number | null;

  beforeAll(() => {
    file = path.join(work, `${path.basename(name)}.sarif`);
    const run = runCli([...inputs, '--format', 'sarif', '--output', file]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('');
    status = run.status;
  });

  it('exits as the other formats do', () => {
    expect(status).toBe(Number(readFileSync(path.join(ROOT, `${name}.exit`), 'utf8').trim()));
  });

  it('passes sarif-multitool validate --rule-kind "Sarif;Gh" with zero errors', () => {
    expect(multitoolErrors(file)).toEqual([]);
  }, 60_000);

  it('is valid against the SARIF 2.1.0 JSON schema', () => {
    expect(schemaErrors(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('holds the same findings as the JSON report, with repo-relative URIs', () => {
    const log = JSON.parse(readFileSync(file, 'utf8')) as SarifLog;
    const report = JSON.parse(readFileSync(path.join(ROOT, `${name}.report.txt`), 'utf8')) as {
      findings: { check: string; severity: string; message: string; file: string; line: number; column: number;
        endLine: number; endColumn: number; fingerprint: string }[];
    };
    const results = (log.runs[0]?.results ?? []).map((result) => ({
      check: result.ruleId,
      severity: result.level,
      message: result.message.text,
      file: result.locations?.[0]?.physicalLocation.artifactLocation.uri,
      line: result.locations?.[0]?.physicalLocation.region.startLine,
      column: result.locations?.[0]?.physicalLocation.region.startColumn,
      endLine: result.locations?.[0]?.physicalLocation.region.endLine,
      endColumn: result.locations?.[0]?.physicalLocation.region.endColumn,
      fingerprint: result.partialFingerprints?.['sglint/v1'],
    }));
    expect(results).toEqual(report.findings.map(({ check, severity, message, file: uri, line, column, endLine, endColumn,
      fingerprint }) => ({ check, severity, message, file: uri, line, column, endLine, endColumn, fingerprint })));
  });
});

describe('SARIF from standard input', () => {
  it('validates with zero errors', () => {
    const file = path.join(work, 'stdin.sarif');
    const text = readFileSync(path.join(ROOT, 'fixtures', 'risky', 'project.json'), 'utf8');
    const run = runCli(['-', '--format', 'sarif', '--output', file], { input: text });
    expect(run.status).toBe(1);
    expect(multitoolErrors(file)).toEqual([]);
    expect(schemaErrors(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  }, 60_000);
});

describe('the validators can fail', () => {
  it('sarif-multitool reports a result without locations as an error', () => {
    const log = JSON.parse(readFileSync(path.join(work, 'project.sarif'), 'utf8')) as SarifLog;
    delete log.runs[0]?.results?.[0]?.locations;
    const file = path.join(work, 'broken.sarif');
    writeFileSync(file, JSON.stringify(log));
    expect(multitoolErrors(file).length).toBeGreaterThan(0);
  }, 60_000);

  it('the schema rejects a start line of 0', () => {
    const log = JSON.parse(readFileSync(path.join(work, 'project.sarif'), 'utf8')) as SarifLog;
    const region = log.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation.region;
    if (region !== undefined) region.startLine = 0;
    expect(schemaErrors(log)).not.toEqual([]);
  });
});
