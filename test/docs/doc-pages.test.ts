import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/engine/lint.js';
import { BUILTIN_CHECKS } from '../../src/engine/registry.js';
import { example, pageProblems, readDocPage } from './doc-pages.js';

/** Lints an example with the recommended settings and the check under test switched on. */
function lintExample(id: string, text: string) {
  const check = BUILTIN_CHECKS.find((candidate) => candidate.id === id);
  const forced =
    check?.defaultSeverity === 'off' ? { [id]: { severity: check.strictSeverity ?? 'note' } } : {};
  return lintTexts([{ path: `${id}.md.json`, text }], { checks: forced });
}

describe('doc page structure', () => {
  it('accepts a complete page', () => {
    const page = readDocPage('duplicate-rule') as string;
    expect(pageProblems('duplicate-rule', page)).toEqual([]);
  });

  it('reports a missing heading', () => {
    const page = (readDocPage('duplicate-rule') as string).replace('## Known problems', '## Caveats');
    expect(pageProblems('duplicate-rule', page)).toEqual([
      expect.stringContaining('headings are'),
    ]);
  });

  it('reports a second json block in an example section', () => {
    const extraBlock = '```json\n{}\n```\n\n## Options';
    const page = (readDocPage('duplicate-rule') as string).replace('## Options', extraBlock);
    expect(pageProblems('duplicate-rule', page)).toEqual([
      'section "Good example" must hold exactly one json block, has 2',
    ]);
  });
});

describe.each(BUILTIN_CHECKS.map((check) => check.id))('rules/%s.md', (id) => {
  const page = readDocPage(id);

  it('exists and has every heading in order', () => {
    expect(page, `rules/${id}.md is missing`).toBeDefined();
    expect(pageProblems(id, page as string)).toEqual([]);
  });

  it('its bad example raises exactly one finding of the check and no other error or warning', () => {
    const result = lintExample(id, example(page as string, 'Bad example'));
    expect(result.problems).toEqual([]);
    expect(result.findings.filter((finding) => finding.check === id)).toHaveLength(1);
    const others = result.findings.filter(
      (finding) => finding.check !== id && finding.severity !== 'note',
    );
    expect(others.map((finding) => `${finding.check}: ${finding.message}`)).toEqual([]);
  });

  it('its good example raises no finding of the check and no other error or warning', () => {
    const result = lintExample(id, example(page as string, 'Good example'));
    expect(result.problems).toEqual([]);
    const shown = result.findings
      .filter((finding) => finding.check === id || finding.severity !== 'note')
      .map((finding) => `${finding.check}: ${finding.message}`);
    expect(shown).toEqual([]);
  });
});
