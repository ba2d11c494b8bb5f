/**
 * The library API from src/index.ts: results and problems as values,
 * typed errors only for caller mistakes, and no printing or exiting.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  FORMAT_NAMES,
  SettingsError,
  checks,
  defineCheck,
  formatReport,
  lint,
  lintModel,
  lintTexts,
  loadDocuments,
  loadTexts,
  reporters,
  type Finding,
  type LintResult,
} from '../../src/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-library-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SSH_GROUP = JSON.stringify({
  id: 'g-1',
  name: 'web',
  rules: [
    { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 } },
    { direction: 'egress' },
    { direction: 'egress', ethertype: 'IPv6' },
  ],
});
writeFileSync(path.join(dir, 'web.json'), SSH_GROUP);
writeFileSync(path.join(dir, 'broken.json'), '{"name": "x",');

const keys = (findings: readonly Finding[]): string[] =>
  findings.map((finding) => `${finding.check} ${finding.file}:${finding.line}:${finding.column}`);

describe('sglint as a library', () => {
  const printed: string[] = [];
  beforeEach(() => {
    printed.length = 0;
    const record = (stream: string) => (chunk: unknown) => {
      printed.push(`${stream}: ${String(chunk)}`);
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(record('stdout'));
    vi.spyOn(process.stderr, 'write').mockImplementation(record('stderr'));
    for (const method of ['log', 'error', 'warn', 'info', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) =>
        printed.push(`console.${method}: ${args.join(' ')}`),
      );
    }
    vi.spyOn(process, 'exit').mockImplementation((code) => {
      throw new Error(`process.exit(${String(code)}) called`);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lints files and directories with problems as values, and needs no options', async () => {
    const result: LintResult = await lint([dir, 'no-such-file.json'], { cwd: dir });
    expect(keys(result.findings)).toEqual(['ingress-sensitive-port-world web.json:1:35']);
    expect(result.problems).toEqual([
      {
        file: 'broken.json',
        message: 'invalid JSON: property name expected',
        line: 1,
        column: 14,
        fatal: true,
      },
      { file: 'no-such-file.json', message: 'cannot read: no such file or directory', fatal: true },
    ]);
    expect(result.inputFiles.map((file) => path.basename(file))).toEqual(['broken.json', 'web.json']);
    const withoutOptions = await lint([path.join(dir, 'web.json')]);
    expect(withoutOptions.findings.map((finding) => finding.check)).toEqual(['ingress-sensitive-port-world']);
    expect(printed).toEqual([]);
  });

  it('lints texts, and a loaded model, with the same findings', async () => {
    const fromText = lintTexts([{ path: 'web.json', text: SSH_GROUP }]);
    const loaded = await loadDocuments(['web.json'], { cwd: dir });
    expect(keys(lintModel(loaded).findings)).toEqual(keys(fromText.findings));
    const fromLoadTexts = lintModel(
      loadTexts([{ path: 'web.json', absolute: undefined, text: SSH_GROUP, fromDirectory: false }]),
    );
    expect(keys(fromLoadTexts.findings)).toEqual(keys(fromText.findings));
    expect(printed).toEqual([]);
  });

  it('renders every format by name, as the CLI prints it', () => {
    const result = lintTexts([{ path: 'web.json', text: SSH_GROUP }]);
    expect(Object.keys(reporters)).toEqual(FORMAT_NAMES);
    expect(JSON.parse(formatReport(result, 'json'))).toMatchObject({ version: 1, summary: { errors: 1 } });
    expect(formatReport(result, 'stylish')).toContain(
      '1:35  error    [web] tcp/22 (SSH) reachable from the world',
    );
    expect(() => formatReport(result, 'toString')).toThrow(SettingsError);
    expect(() => formatReport(result, 'xml')).toThrow(
      'unknown format "xml"; expected one of stylish, json, sarif',
    );
  });

  it('rejects caller mistakes with SettingsError and nothing else', async () => {
    await expect(
      lint(['web.json'], { cwd: dir, checks: { 'no-such-check': { severity: 'error' } } }),
    ).rejects.toThrow(SettingsError);
    await expect(lint(['web.json'], { cwd: dir, preset: 'loose' as 'strict' })).rejects.toThrow(
      'settings: unknown preset "loose"; expected recommended or strict',
    );
    await expect(
      lint(['web.json'], { cwd: dir, checks: { 'duplicate-rule': { severity: 'loud' as 'error' } } }),
    ).rejects.toThrow(
      'settings: checks.duplicate-rule.severity is "loud"; expected off, note, warning or error',
    );
    await expect(
      lint(['web.json'], { cwd: dir, checks: { 'invalid-rule': { options: { surprise: true } } } }),
    ).rejects.toThrow(SettingsError);
    expect(printed).toEqual([]);
  });

  it('treats __proto__ and constructor in check settings as unknown checks, not as prototype access', () => {
    const settings = JSON.parse('{"__proto__": {"severity": "off"}}') as Record<string, { severity: 'off' }>;
    expect(() => lintTexts([{ path: 'web.json', text: SSH_GROUP }], { checks: settings })).toThrow(
      /^settings: checks\.__proto__: unknown check/
    );
    expect(() => lintTexts([{ path: 'web.json', text: SSH_GROUP }], { checks: { constructor: {} } })).toThrow(
      /^settings: checks\.constructor: unknown check/
    );
  });

  it('runs a plugin check defined with defineCheck, and reports a crashing one as a failure value', () => {
    const plugin = defineCheck({
      id: 'group-name-web',
      description: 'Flags groups named web.',
      defaultSeverity: 'note',
      tags: ['test'],
      securitySeverity: '1.0',
      precision: 'high',
      options: z.object({}),
      check({ model, report }) {
        for (const group of model.groups) if (group.name === 'web') report({ group, message: 'named web' });
      },
    });
    const crashing = defineCheck({
      ...plugin,
      id: 'crashes',
      check: () => {
        throw new Error('boom');
      },
    });
    const result = lintTexts([{ path: 'web.json', text: SSH_GROUP }], { extraChecks: [plugin, crashing] });
    expect(
      result.findings.map((finding) => `${finding.check} ${finding.severity} ${finding.message}`),
    ).toContain('group-name-web note named web');
    expect(result.failures).toEqual([{ check: 'crashes', message: 'boom' }]);
    expect(checks.map((check) => check.id)).toContain('ingress-sensitive-port-world');
    expect(printed).toEqual([]);
  });
});

describe('the library source', () => {
  /** Every .ts file under src/ except the CLI, which is the one place allowed to print and exit. */
  function librarySources(folder: string): string[] {
    return readdirSync(folder).flatMap((name) => {
      const full = path.join(folder, name);
      if (statSync(full).isDirectory()) return full.endsWith(`${path.sep}cli`) ? [] : librarySources(full);
      return full.endsWith('.ts') ? [full] : [];
    });
  }

  it('never prints or exits outside src/cli (doc comments aside)', () => {
    const root = path.resolve(import.meta.dirname, '../../src');
    const offenders = librarySources(root).flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, index) => ({ line, where: `${path.relative(root, file)}:${index + 1}` }))
        .filter(({ line }) => !/^\s*(\*|\/\/)/.test(line))
        .filter(({ line }) =>
          /process\.(exit|stdout|stderr)\b|console\.(log|error|warn|info|debug)\(/.test(line),
        )
        .map(({ where }) => where),
    );
    expect(offenders).toEqual([]);
  });
});
