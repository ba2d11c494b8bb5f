/**
 * Output injection. What held before these tests and why: stylish output
 * and stderr already went through `inert()` (src/report/text.ts), and
 * labels were already copied into a null-prototype object. What failed:
 * JSON and SARIF carried C1 controls, bidi overrides and U+2028/U+2029
 * raw (JSON.stringify leaves them), so the JSON/SARIF cases for `bidi`,
 * `isolate`, `c1` and `separators` failed until `jsonSafe()` escaped them.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { formatReport } from '../../src/format.js';
import { FORMAT_NAMES } from '../../src/report/index.js';
import { FORMAT_VALIDATORS, assertValidSarif } from '../fuzz/formats.js';
import { runCli } from '../fuzz/harness.js';

/** Text that would act on a terminal or CI log if printed raw. */
const ATTACKS = {
  ansi: 'web\u001b[2J\u001b[31mred',
  osc: 'link\u001b]8;;https://example.invalid\u0007x\u001b]8;;\u0007',
  carriageReturn: 'looks-fine\rFAKE',
  newlineCommand: 'db\n::error::INJECTED',
  bidi: 'admin\u202egnp.exe\u202c',
  isolate: 'a\u2066b\u2069',
  c1: 'csi\u009b31m',
  nul: 'nul\u0000byte',
  separators: 'line\u2028para\u2029',
};
const NAMES = Object.values(ATTACKS);

function documentWith(name: string): string {
  return JSON.stringify([
    {
      id: 'g-1',
      name,
      description: name,
      labels: { [name]: name },
      rules: [
        { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 }, description: name },
        { direction: 'egress' },
        { direction: 'egress', ethertype: 'IPv6' },
      ],
    },
  ]);
}

const dir = mkdtempSync(path.join(tmpdir(), 'sglint-injection-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hostile names, descriptions and labels', () => {
  it.each(Object.entries(ATTACKS))('shows %s inert in stylish output, escaped visibly', (_kind, name) => {
    const output = formatReport(lintTexts([{ path: 'sg.json', text: documentWith(name) }]), 'stylish');
    FORMAT_VALIDATORS.stylish?.(output);
    const visible = name.replace(
      /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu,
      (character) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`,
    );
    expect(output).toContain(`[${visible}] tcp/22 (SSH) reachable from the world`);
  });

  it('keeps picocolors escapes the only escapes when colour is on', () => {
    const output = formatReport(
      lintTexts([{ path: 'sg.json', text: documentWith(ATTACKS.ansi) }]),
      'stylish',
      {
        color: true,
      },
    );
    const withoutColour = output.replace(/\u001b\[\d+(;\d+)*m/g, '');
    FORMAT_VALIDATORS.stylish?.(withoutColour);
    expect(withoutColour).toContain('[web\\u{1b}[2J\\u{1b}[31mred]');
  });

  it.each(Object.entries(ATTACKS))(
    'carries %s verbatim in JSON, with no raw active character in the text',
    (_kind, name) => {
      const output = formatReport(lintTexts([{ path: 'sg.json', text: documentWith(name) }]), 'json');
      FORMAT_VALIDATORS.json?.(output);
      const report = JSON.parse(output) as { findings: { securityGroup: { name: string } | null }[] };
      expect(report.findings[0]?.securityGroup?.name).toBe(name);
    },
  );

  it.each(Object.entries(ATTACKS))('carries %s verbatim in a SARIF log that validates', (_kind, name) => {
    const text = JSON.stringify({
      name,
      rules: [{ direction: 'ingress', protocol: 'tcp', portRange: { min: 9, max: 8 } }],
    });
    const output = formatReport(lintTexts([{ path: 'sg.json', text }]), 'sarif');
    assertValidSarif(output);
    FORMAT_VALIDATORS.sarif?.(output);
    expect(output).not.toMatch(/[\u001b\r\u202e\u2066\u009b]/u);
  });

  it.each(FORMAT_NAMES)('keeps every attack inert in the %s format at once', (format) => {
    const texts = NAMES.map((name, index) => ({ path: `sg-${index}.json`, text: documentWith(name) }));
    const output = formatReport(lintTexts(texts), format);
    expect(() => FORMAT_VALIDATORS[format]?.(output)).not.toThrow();
    expect(output.split('\n').some((line) => /^\s*::[^:]*::INJECTED/.test(line))).toBe(false);
  });

  it('shows a hostile file name inert on stderr', async () => {
    const walked = path.join(dir, 'walk');
    rmSync(walked, { recursive: true, force: true });
    mkdirSync(walked);
    writeFileSync(path.join(walked, 'evil\u001b[2J\r.json'), '{"name": ');
    const run = await runCli(['walk'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('walk/evil\\u{1b}[2J\\u{d}.json:1:10: error: invalid JSON: value expected\n');
  });
});

describe('keys that name Object.prototype members', () => {
  const plain = JSON.stringify({
    name: 'g',
    rules: [
      { direction: 'ingress', protocol: 'tcp', portRange: { min: 22, max: 22 } },
      { direction: 'egress' },
    ],
  });
  const withKeys = plain
    .replace(
      '{"name":"g",',
      '{"__proto__":{"name":"evil","rules":[]},"constructor":{"prototype":{"x":1}},"name":"g",',
    )
    .replace(
      '"name":"g",',
      '"name":"g","labels":{"__proto__":"sglint-disable","constructor":"x","toString":"y","sglint-disable":"__proto__"},',
    )
    .replace('{"direction":"egress"}', '{"direction":"egress","__proto__":{"direction":"ingress"}}');
  const keyOf = (text: string): string[] =>
    lintTexts([{ path: 'sg.json', text }]).findings.map((finding) => `${finding.check} ${finding.message}`);

  it('changes no finding', () => {
    expect(withKeys).toContain('"__proto__":"sglint-disable"');
    expect(keyOf(withKeys)).toEqual(keyOf(plain));
  });

  it('pollutes no prototype and keeps the labels as plain data', () => {
    const result = lintTexts([{ path: 'sg.json', text: withKeys }]);
    const labels = result.model.groups[0]?.labels ?? {};
    expect(Object.getPrototypeOf(labels)).toBe(null);
    expect(Object.entries(labels)).toEqual([
      ['__proto__', 'sglint-disable'],
      ['constructor', 'x'],
      ['toString', 'y'],
      ['sglint-disable', '__proto__'],
    ]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});
