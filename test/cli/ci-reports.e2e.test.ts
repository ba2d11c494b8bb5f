/**
 * What CI tools read from a run, through the built binary: a plugin that did
 * not load makes every report say the run was incomplete; SARIF leaves the
 * category to the uploader; a SARIF report over GitHub's result limit is
 * warned about.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-ci-reports-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CLEAN = {
  name: 'ok',
  rules: [
    { direction: 'egress', description: 'out' },
    { direction: 'egress', ethertype: 'IPv6', description: 'out' },
  ],
};

describe('reports for CI', () => {
  const project = path.join(dir, 'plugin');
  mkdirSync(project);
  writeFileSync(path.join(project, 'g.json'), JSON.stringify(CLEAN));
  writeFileSync(path.join(project, 'sglint.config.json'), JSON.stringify({ plugins: ['./nope.mjs'] }));
  const message = `plugin ./nope.mjs: cannot load: no module at ${path.join(project, 'nope.mjs')}`;

  it('names a plugin that did not load in SARIF, JUnit and JSON, not a clean run', async () => {
    const sarif = await runCli(['g.json', '-f', 'sarif'], project);
    expect(sarif.status).toBe(2);
    const run = (JSON.parse(sarif.stdout) as { runs: Record<string, unknown>[] }).runs[0] as {
      automationDetails?: unknown;
      invocations: { executionSuccessful: boolean; toolExecutionNotifications: { message: { text: string } }[] }[];
    };
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    expect(run.invocations[0]?.toolExecutionNotifications.map((note) => note.message.text)).toEqual([message]);
    // The upload action's `category` applies only to runs without automationDetails.
    expect(run.automationDetails).toBeUndefined();

    const junit = await runCli(['g.json', '-f', 'junit'], project);
    expect(junit.stdout).toContain('errors="1"');
    expect(junit.stdout).not.toContain('no findings');

    const json = await runCli(['g.json', '-f', 'json'], project);
    expect((JSON.parse(json.stdout) as { problems: unknown[] }).problems).toEqual([
      { file: 'sglint.config.json', line: null, column: null, message },
    ]);
  });

  it('refuses a second -o instead of silently keeping the last', async () => {
    writeFileSync(path.join(dir, 'clean.json'), JSON.stringify(CLEAN));
    const run = await runCli(['clean.json', '-o', 'a.txt', '-o', 'b.txt'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "error: option '-o, --output <file>' argument 'b.txt' is invalid. given twice; write several reports with -f FORMAT=FILE\n",
    );
  });

  it('refuses standard input named twice, which would read empty the second time', async () => {
    const run = await runCli(['-', '-'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('sglint: "-" (standard input) is given more than once; it can be read only once\n');
  });

  it('warns when a SARIF report holds more results than GitHub code scanning takes', async () => {
    const rule = { direction: 'ingress', protocol: 'tcp', portRange: { min: 443, max: 443 }, ipRange: '10.0.0.0/8' };
    const group = { ...CLEAN, rules: [...CLEAN.rules, ...Array.from({ length: 25_002 }, () => rule)] };
    writeFileSync(path.join(dir, 'many.json'), JSON.stringify(group));
    const over = await runCli(['many.json', '-f', 'sarif', '-o', 'many.sarif', '--fail-on', 'never'], dir);
    expect(over.status).toBe(0);
    expect(over.stderr).toContain(
      'sglint: warning: the SARIF report holds 25001 results; GitHub code scanning rejects a run with more than 25000',
    );
    const json = await runCli(['many.json', '-f', 'json', '-o', 'many.report.json', '--fail-on', 'never'], dir);
    expect(json.stderr).not.toContain('warning: the SARIF report');
  });
});
