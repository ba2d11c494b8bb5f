import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugins } from '../../src/config/plugins.js';
import { lintTexts } from '../../src/engine/lint.js';
import { BUILTIN_CHECKS } from '../../src/engine/registry.js';
import { allEgress, exportText, group } from '../gate-fixtures.js';

const BUILTIN_IDS = new Set(BUILTIN_CHECKS.map((check) => check.id));

const good = `export default [{
  id: 'group-owner', description: 'A group has no owner label.', defaultSeverity: 'note',
  check({ model, report }) {
    for (const group of model.groups) if (!group.labels.owner) report({ group, message: 'no owner label' });
  },
}];`;

const modules: Record<string, string> = {
  'good.mjs': good,
  'named.mjs': good
    .replace('export default', 'export const checks =')
    .replace("'group-owner'", "'named-check'"),
  'no-id.mjs': `export default [{ description: 'x', defaultSeverity: 'note', check() {} }]`,
  'bad-meta.mjs': `export default [{ id: 'Bad_Id', description: '', defaultSeverity: 'fatal', securitySeverity: 11, check: 1 }]`,
  'throws.mjs': `throw new Error('plugin exploded on import');`,
  'not-array.mjs': `export default { id: 'x' };`,
  'clash.mjs': `export default [{ id: 'ingress-world', description: 'x', defaultSeverity: 'note', check() {} }]`,
};

describe('loadPlugins', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sglint-plugins-'));
    for (const [name, text] of Object.entries(modules)) await writeFile(path.join(dir, name), text);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('loads checks from the default export or an export named checks, relative to the config', async () => {
    const loaded = await loadPlugins(['./good.mjs', './named.mjs'], dir, BUILTIN_IDS);
    expect(loaded.errors).toEqual([]);
    expect(loaded.checks.map((check) => [check.id, check.tags, check.options.parse({})])).toEqual([
      ['group-owner', [], {}],
      ['named-check', [], {}],
    ]);
    expect([...loaded.origin]).toEqual([
      ['group-owner', './good.mjs'],
      ['named-check', './named.mjs'],
    ]);
  });

  it('reports each bad plugin by name and keeps the good ones', async () => {
    const loaded = await loadPlugins(
      [
        './no-id.mjs',
        'no-such-sglint-plugin',
        './bad-meta.mjs',
        './throws.mjs',
        './not-array.mjs',
        './clash.mjs',
        './missing.mjs',
        './good.mjs',
        './good.mjs',
      ],
      dir,
      BUILTIN_IDS,
    );
    expect(loaded.checks.map((check) => check.id)).toEqual(['group-owner']);
    expect(loaded.errors.map((error) => error.replace(dir, '<dir>'))).toEqual([
      'plugin ./no-id.mjs: checks[0].id: expected a string; got nothing',
      'plugin no-such-sglint-plugin: cannot load: package "no-such-sglint-plugin" not found from <dir>',
      'plugin ./bad-meta.mjs: checks[0].id: expected lowercase letters, digits and dashes',
      'plugin ./bad-meta.mjs: checks[0].description: expected a one-line description',
      'plugin ./bad-meta.mjs: checks[0].defaultSeverity: expected one of "off", "note", "warning", "error"; got "fatal"',
      'plugin ./bad-meta.mjs: checks[0].securitySeverity: expected a string; got number 11',
      'plugin ./bad-meta.mjs: checks[0].check: expected a function',
      'plugin ./throws.mjs: cannot load: plugin exploded on import',
      'plugin ./not-array.mjs: expected a default export (or an export named "checks") that is an array of checks',
      'plugin ./clash.mjs: checks[0].id: "ingress-world" is already a built-in check',
      'plugin ./missing.mjs: cannot load: no module at <dir>/missing.mjs',
      'plugin ./good.mjs: checks[0].id: "group-owner" is already a check of plugin ./good.mjs',
    ]);
  });

  it('names the import that is missing when the plugin file itself is there', async () => {
    await writeFile(
      path.join(dir, 'needs-dep.mjs'),
      "import 'no-such-sglint-dependency';\nexport default [];\n",
    );
    await writeFile(path.join(dir, 'needs-file.mjs'), "import './gone.mjs';\nexport default [];\n");
    const loaded = await loadPlugins(['./needs-dep.mjs', './needs-file.mjs'], dir, BUILTIN_IDS);
    const errors = loaded.errors.map((error) => error.replaceAll(dir, '<dir>'));
    expect(errors[0]).toBe(
      "plugin ./needs-dep.mjs: cannot load: Cannot find package 'no-such-sglint-dependency' imported from " +
        '<dir>/needs-dep.mjs',
    );
    // Node prints the missing file as written or resolved, depending on the loader.
    expect(errors[1]).toMatch(
      /^plugin \.\/needs-file\.mjs: cannot load: Cannot find module '[^']*gone\.mjs' imported from <dir>\/needs-file\.mjs$/,
    );
    expect(errors).toHaveLength(2);
  });

  it('runs plugin checks like built-in ones and reports one that throws by id', async () => {
    const loaded = await loadPlugins(['./good.mjs'], dir, BUILTIN_IDS);
    const boom = {
      ...loaded.checks[0],
      id: 'boom',
      check: () => {
        throw new Error('kaboom');
      },
    } as (typeof loaded.checks)[0];
    const text = exportText([group({ name: 'web', rules: allEgress() })]);
    const result = lintTexts([{ path: 'sg.json', text }], { extraChecks: [...loaded.checks, boom] });
    expect(result.findings.map((finding) => [finding.check, finding.severity, finding.message])).toEqual([
      ['group-owner', 'note', 'no owner label'],
    ]);
    expect(result.failures).toEqual([{ check: 'boom', message: 'kaboom' }]);
  });
});
