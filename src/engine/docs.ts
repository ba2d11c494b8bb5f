/**
 * Each built-in check's documentation page, `rules/<id>.md`, read from the
 * installed package on demand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

/** The folder holding the check sources and doc pages. */
export const RULES_DIR = path.join(PACKAGE_ROOT, 'rules');

const cache = new Map<string, string | undefined>();

/** The markdown doc page of a built-in check, or undefined; `dir` defaults to the installed pages. */
export function checkDoc(id: string, dir: string = RULES_DIR): string | undefined {
  if (!/^[a-z0-9-]+$/.test(id)) return undefined;
  const file = path.join(dir, `${id}.md`);
  if (!cache.has(file)) {
    try {
      cache.set(file, readFileSync(file, 'utf8'));
    } catch {
      cache.set(file, undefined);
    }
  }
  return cache.get(file);
}

/** The text of one `## Heading` section of a doc page. */
export function docSection(doc: string, heading: string): string | undefined {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trim().toLowerCase() === `## ${heading.toLowerCase()}`);
  if (start === -1) return undefined;
  const end = lines.findIndex((line, index) => index > start && line.startsWith('## '));
  return lines
    .slice(start + 1, end === -1 ? undefined : end)
    .join('\n')
    .trim();
}
