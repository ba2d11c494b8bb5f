import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configJsonSchemaText } from '../../src/config/json-schema.js';
import { ConfigError, findConfig, loadConfig } from '../../src/config/load.js';
import { parseConfig } from '../../src/config/parse.js';
import { resolveConfig } from '../../src/config/resolve.js';
import { starterConfig } from '../../src/cli/init.js';
import { DEFAULT_SENSITIVE_PORTS } from '../../src/engine/sensitive-ports.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function errorOf(text: string): string {
  try {
    parseConfig(text, 'sglint.config.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts every documented key', () => {
    const config = {
      $schema: './node_modules/sglint/schema/sglint.config.schema.json',
      preset: 'strict',
      checks: { 'ingress-world': 'error', 'redundant-rule': { severity: 'note', options: {} } },
      ignore: ['legacy/**'],
      trustedRanges: ['10.0.0.0/8', 'fd00::/8'],
      sensitivePorts: { mode: 'extend', ports: [{ protocol: 'tcp', port: 8443, service: 'admin UI' }] },
      overrides: [{ groups: ['web-*'], checks: { 'ingress-world': 'off' } }],
      plugins: ['./plugin.mjs'],
    };
    expect(parseConfig(JSON.stringify(config), 'c.json')).toEqual(config);
  });

  it.each([
    [
      '{"presett": "strict"}',
      'sglint.config.json: presett: unknown key (did you mean "preset"?); allowed keys: $schema, preset, checks, ' +
        'ignore, trustedRanges, sensitivePorts, overrides, plugins',
    ],
    [
      '{"preset": "strictest"}',
      'sglint.config.json: preset: expected one of "recommended", "strict"; got "strictest"',
    ],
    [
      '{"checks": {"ingress-world": "warn"}}',
      'sglint.config.json: checks.ingress-world: expected one of "off", "note", "warning", "error"; got "warn"',
    ],
    [
      '{"checks": {"ingress-world": {"severty": "note"}}}',
      'sglint.config.json: checks.ingress-world.severty: unknown key (did you mean "severity"?); allowed keys: severity, options',
    ],
    [
      '{"checks": {"ingress-world": 3}}',
      'sglint.config.json: checks.ingress-world: expected one of "off", "note", "warning", "error" or an object; got number 3',
    ],
    [
      '{"trustedRanges": ["10.0.0.0/8", "10.0.0.0"]}',
      'sglint.config.json: trustedRanges[1]: an IPv4 range needs a prefix length (/0 to /32)',
    ],
    ['{"ignore": "legacy"}', 'sglint.config.json: ignore: expected an array; got string "legacy"'],
    [
      '{"sensitivePorts": {"mode": "merge", "ports": []}}',
      'sglint.config.json: sensitivePorts.mode: expected one of "extend", "replace"; got "merge"',
    ],
    [
      '{"overrides": [{"groups": [], "checks": {}}]}',
      'sglint.config.json: overrides[0].groups: Too small: expected array to have >=1 items',
    ],
    ['[]', 'sglint.config.json: (top level): expected an object; got an array'],
    ['{"preset": "strict",}', 'sglint.config.json:1:21: invalid JSON: property name expected'],
  ])('names the key and what is allowed for %s', (text, message) => {
    expect(errorOf(text)).toBe(message);
  });

  it('lists every problem, one per line', () => {
    expect(errorOf('{"preset": 1, "plugins": [""]}').split('\n')).toHaveLength(2);
  });
});

describe('finding and resolving the config file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sglint-config-'));
    await mkdir(path.join(dir, 'infra/prod'), { recursive: true });
    await writeFile(
      path.join(dir, 'sglint.config.json'),
      JSON.stringify({
        preset: 'strict',
        ignore: ['infra/legacy/**', '**/*.tfstate.json'],
        trustedRanges: ['100.64.0.0/10'],
        sensitivePorts: { mode: 'replace', ports: [{ protocol: 'tcp', port: '8000-8010', service: 'app' }] },
        overrides: [{ groups: ['web-*'], checks: { 'ingress-world': 'off' } }],
      }),
    );
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is found upward from the working directory', () => {
    expect(findConfig(path.join(dir, 'infra/prod'))).toBe(path.join(dir, 'sglint.config.json'));
  });

  it('names a missing --config file', async () => {
    await expect(loadConfig(dir, 'nope.json')).rejects.toThrow(
      new ConfigError('nope.json: cannot read config: no such file'),
    );
  });

  it('resolves into lint options, ignore globs relative to the config file', async () => {
    const loaded = await loadConfig(path.join(dir, 'infra/prod'));
    expect(loaded?.shown).toBe(path.join(dir, 'sglint.config.json'));
    const resolved = await resolveConfig(loaded);
    expect(resolved.lint.preset).toBe('strict');
    expect(resolved.lint.shared).toEqual({
      trustedRanges: ['100.64.0.0/10'],
      sensitivePorts: [{ protocol: 'tcp', from: 8000, to: 8010, service: 'app' }],
    });
    expect(resolved.lint.overrides).toEqual([
      { groups: ['web-*'], checks: { 'ingress-world': { severity: 'off' } } },
    ]);
    expect(resolved.ignores(path.join(dir, 'infra/legacy/a/sg.json'))).toBe(true);
    expect(resolved.ignores(path.join(dir, 'infra/prod/x.tfstate.json'))).toBe(true);
    expect(resolved.ignores(path.join(dir, 'infra/prod/sg.json'))).toBe(false);
  });

  it('extends the built-in sensitive ports by default', async () => {
    const resolved = await resolveConfig({
      file: path.join(dir, 'c.json'),
      shown: 'c.json',
      config: { sensitivePorts: { ports: [{ protocol: 'udp', port: 500, service: 'IKE' }] } },
    });
    expect(resolved.lint.shared?.sensitivePorts).toHaveLength(DEFAULT_SENSITIVE_PORTS.length + 1);
    expect(resolved.lint.shared?.sensitivePorts?.at(-1)).toEqual({
      protocol: 'udp',
      from: 500,
      to: 500,
      service: 'IKE',
    });
  });
});

describe('config JSON Schema', () => {
  it('the committed schema is the one generated from the zod schema (run npm run schema)', async () => {
    const committed = await readFile(path.join(ROOT, 'schema/sglint.config.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('lists every built-in check with its options, and forbids unknown top-level keys', () => {
    const schema = JSON.parse(configJsonSchemaText());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'preset',
      'checks',
      'ignore',
      'trustedRanges',
      'sensitivePorts',
      'overrides',
      'plugins',
    ]);
    const broad = schema.properties.checks.properties['ingress-broad-public-range'];
    expect(broad.anyOf[1].properties.options.properties.ipv4Prefix).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 32,
      default: 16,
    });
  });

  it('the starter config that init writes is valid', () => {
    expect(parseConfig(starterConfig(), 'sglint.config.json')).toEqual({
      $schema: './node_modules/sglint/schema/sglint.config.schema.json',
      preset: 'recommended',
    });
  });
});
