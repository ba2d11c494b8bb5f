import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFormatTargets } from '../../src/cli/formats.js';

const cwd = path.resolve('/work/project');

describe('parseFormatTargets', () => {
  it('defaults to stylish on standard output', () => {
    expect(parseFormatTargets([], undefined, cwd)).toEqual({
      targets: [{ format: 'stylish', file: undefined }],
    });
  });

  it('keeps -f json and --output FILE with a single format', () => {
    expect(parseFormatTargets(['json'], 'out.json', cwd)).toEqual({
      targets: [{ format: 'json', file: 'out.json' }],
    });
  });

  it('writes several formats in one run', () => {
    expect(parseFormatTargets(['stylish', 'sarif=out.sarif', 'junit=reports/j.xml'], undefined, cwd)).toEqual(
      {
        targets: [
          { format: 'stylish', file: undefined },
          { format: 'sarif', file: 'out.sarif' },
          { format: 'junit', file: 'reports/j.xml' },
        ],
      },
    );
  });

  it.each([
    [['xml'], undefined, 'unknown format "xml"; expected one of stylish, json, sarif, github, gitlab, junit'],
    [['sarif='], undefined, '--format sarif=: expected a file name after "="'],
    [
      ['json', 'sarif'],
      undefined,
      'formats json, sarif would all go to one place; give each but one a file, e.g. --format sarif=sglint.sarif',
    ],
    [
      ['sarif=a.sarif'],
      'b.json',
      '--output names the file of the format given without "=FILE", but every --format has a file',
    ],
    [['sarif=a', 'json=./a'], undefined, 'two formats would be written to ./a'],
  ])('refuses %j with --output %s', (specs, output, error) => {
    expect(parseFormatTargets(specs, output, cwd)).toEqual({ error });
  });
});
