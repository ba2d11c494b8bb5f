/**
 * The packed package, imported as a user would: `npm pack`, unpack into a
 * fresh project's node_modules (dependencies linked from this checkout,
 * so no network is needed), then `import … from 'sglint'` from plain
 * JavaScript and type-check a TypeScript consumer against the shipped
 * declarations.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'sglint-package-'));
const consumer = path.join(work, 'consumer');
let packedFiles: string[] = [];

function link(name: string): void {
  const target = path.join(consumer, 'node_modules', name);
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules', name), target, 'dir');
}

beforeAll(() => {
  // `npm test` builds first; a lone run of this file builds when dist/ is missing.
  if (!existsSync(path.join(ROOT, 'dist/src/index.js')) || !existsSync(path.join(ROOT, 'dist/sglint.mjs')))
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { filename: string; files: { path: string }[] }[];
  const tarball = path.join(work, (packed[0] as { filename: string }).filename);
  packedFiles = (packed[0]?.files ?? []).map((file) => file.path);

  const installed = path.join(consumer, 'node_modules', 'sglint');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  writeFileSync(path.join(consumer, 'package.json'), '{"name":"consumer","private":true,"type":"module"}\n');
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies)) link(name);
  link('@types/node');
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packed sglint package', () => {
  it('ships the entry point, its declarations and the binary', () => {
    expect(packedFiles).toEqual(
      expect.arrayContaining([
        'package.json',
        'bin/sglint.js',
        'dist/src/index.js',
        'dist/src/index.d.ts',
        'dist/src/format.js',
        'dist/sglint.mjs',
        'rules/duplicate-rule.md',
      ]),
    );
    expect(packedFiles.filter((file) => file.startsWith('test/') || file.startsWith('src/'))).toEqual([]);
  });

  it("is imported from 'sglint' by plain JavaScript and lints", () => {
    writeFileSync(
      path.join(consumer, 'use.mjs'),
      [
        "import { lintTexts, lint, loadDocuments, checks, formatReport, SettingsError, VERSION } from 'sglint';",
        "const group = { name: 'web', rules: [",
        "  { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 } },",
        "  { direction: 'egress' }, { direction: 'egress', ethertype: 'IPv6' } ] };",
        "const result = lintTexts([{ path: 'web.json', text: JSON.stringify(group) }]);",
        'let rejected = false;',
        "try { lintTexts([], { preset: 'loose' }); } catch (error) { rejected = error instanceof SettingsError; }",
        "const sarif = JSON.parse(formatReport(result, 'sarif'));",
        'console.log(JSON.stringify({',
        '  findings: result.findings.map((finding) => finding.check),',
        '  checks: checks.length, rejected, version: VERSION, sarif: sarif.version,',
        '  functions: [typeof lint, typeof loadDocuments],',
        '}));',
      ].join('\n'),
    );
    const output = execFileSync(process.execPath, ['use.mjs'], { cwd: consumer, encoding: 'utf8' });
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(output)).toEqual({
      findings: ['ingress-sensitive-port-world'],
      checks: 15,
      rejected: true,
      version: manifest.version,
      sarif: '2.1.0',
      functions: ['function', 'function'],
    });
  });

  it('runs its binary through the bundle: version, doc pages, and Terraform through hcl2json', () => {
    const bin = path.join(consumer, 'node_modules', 'sglint', 'bin', 'sglint.js');
    const sglint = (...args: string[]): string =>
      execFileSync(process.execPath, [bin, ...args], {
        cwd: consumer,
        encoding: 'utf8',
        stdio: 'pipe',
      });
    const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(sglint('--version')).toBe(`${manifest.version}\n`);
    const page = readFileSync(path.join(ROOT, 'rules/duplicate-rule.md'), 'utf8');
    expect(sglint('explain', 'duplicate-rule')).toBe(page);
    writeFileSync(
      path.join(consumer, 'main.tf'),
      [
        'resource "stackit_security_group_rule" "ssh" {',
        '  project_id        = "p"',
        '  security_group_id = "g"',
        '  direction         = "ingress"',
        '  protocol          = { name = "tcp" }',
        '  port_range        = { min = 22, max = 22 }',
        '}',
      ].join('\n'),
    );
    const report = JSON.parse(sglint('main.tf', '--format', 'json', '--fail-on', 'never', '--quiet')) as {
      findings: { check: string; line: number }[];
    };
    expect(report.findings.map((finding) => `${finding.check}:${finding.line}`)).toContain(
      'ingress-sensitive-port-world:1',
    );
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      path.join(consumer, 'use.ts'),
      [
        "import { lint, defineCheck, type Finding, type LintResult, type Check, type Model } from 'sglint';",
        "import { z } from 'zod';",
        'const custom: Check<{ limit: number }> = defineCheck({',
        "  id: 'too-many-rules', description: 'Flags big groups.', defaultSeverity: 'warning', tags: ['size'],",
        "  securitySeverity: '2.0', precision: 'high', options: z.object({ limit: z.number().default(50) }),",
        '  check({ model, options, report }) {',
        '    for (const group of model.groups) {',
        "      if (group.rules.length > options.limit) report({ group, message: 'too many rules' });",
        '    }',
        '  },',
        '});',
        'export async function run(): Promise<Finding[]> {',
        "  const result: LintResult = await lint(['infra/'], { extraChecks: [custom as Check<unknown>] });",
        '  const model: Model = result.model;',
        '  return model.groups.length > 0 ? result.findings : [];',
        '}',
      ].join('\n'),
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const args = [
      '--noEmit',
      '--strict',
      '--module',
      'nodenext',
      '--moduleResolution',
      'nodenext',
      '--target',
      'es2022',
    ];
    const output = execFileSync(process.execPath, [tsc, ...args, '--types', 'node', 'use.ts'], {
      cwd: consumer,
      encoding: 'utf8',
    });
    expect(output).toBe('');
  }, 60_000);
});
