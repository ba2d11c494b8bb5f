/**
 * Reads the check doc pages for tests: the required headings and the JSON
 * examples under "Bad example" and "Good example".
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RULES_DIR, docSection } from '../../src/engine/docs.js';

/** The `##` headings every doc page has, in this order. */
export const REQUIRED_HEADINGS = [
  'What it flags',
  'Why it matters',
  'Bad example',
  'Good example',
  'Options',
  'Known problems',
  'How to fix',
];

/** The page text, or undefined when the file is missing. */
export function readDocPage(id: string): string | undefined {
  try {
    return readFileSync(path.join(RULES_DIR, `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** Problems with a page's structure; empty when it is complete. */
export function pageProblems(id: string, page: string): string[] {
  const problems: string[] = [];
  const lines = page.split('\n');
  if (lines[0] !== `# ${id}`) problems.push(`first line must be "# ${id}"`);
  const headings = lines.filter((line) => line.startsWith('## ')).map((line) => line.slice(3).trim());
  if (JSON.stringify(headings) !== JSON.stringify(REQUIRED_HEADINGS)) {
    problems.push(`headings are ${JSON.stringify(headings)}; expected ${JSON.stringify(REQUIRED_HEADINGS)}`);
  }
  for (const heading of REQUIRED_HEADINGS) {
    const text = docSection(page, heading);
    if (text !== undefined && text.trim() === '') problems.push(`section "${heading}" is empty`);
  }
  for (const heading of ['Bad example', 'Good example']) {
    const blocks = jsonBlocks(docSection(page, heading) ?? '');
    if (blocks.length !== 1) {
      problems.push(`section "${heading}" must hold exactly one json block, has ${blocks.length}`);
    }
  }
  return problems;
}

/** The bodies of the ```json fenced blocks of a text. */
export function jsonBlocks(text: string): string[] {
  return [...text.matchAll(/^```json\n([\s\S]*?)^```$/gm)].map((match) => match[1] as string);
}

/** The single JSON example of a section. */
export function example(page: string, heading: 'Bad example' | 'Good example'): string {
  const blocks = jsonBlocks(docSection(page, heading) ?? '');
  if (blocks.length !== 1) {
    throw new Error(`expected one json block under "${heading}", found ${blocks.length}`);
  }
  return blocks[0] as string;
}
