/**
 * What every report format must hold for any input, as one validator per
 * format name. A format without a validator fails the meta-test in
 * `library.test.ts`, so a new reporter is fuzzed from the day it is merged.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** Characters a terminal or log viewer acts on; none may reach output raw (newlines and tabs aside). */
const ACTIVE =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** The same without carriage return, for a check that reports where it found one. */
const ESCAPE_OR_CR = /[\u001b\r]/;

/** Throws when `text` holds a character that could act on a terminal or log. */
export function assertInert(text: string, format: string): void {
  const match = ACTIVE.exec(text);
  if (match !== null) {
    const at = match.index;
    const code = (match[0].codePointAt(0) as number).toString(16);
    throw new Error(
      `${format}: raw U+${code} at offset ${at}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 40))}`,
    );
  }
}

const sarifSchema = JSON.parse(
  readFileSync(new URL('./data/sarif-2.1.0.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

/** Throws unless `text` is a SARIF 2.1.0 log that validates against the schema. */
export function assertValidSarif(text: string): void {
  const log = JSON.parse(text) as unknown;
  if (!validateSarif(log)) {
    const errors = (validateSarif.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath} ${error.message}`);
    throw new Error(`sarif: schema errors: ${errors.join('; ')}`);
  }
}

/** XML 1.0 `Char`: tab, newline, carriage return and everything from U+0020 but surrogates, U+FFFE, U+FFFF. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const ATTRIBUTE = `\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*')`;
const TAG = new RegExp(`^<(/?)(${NAME})((?:${ATTRIBUTE})*)\\s*(/?)>$`);
const REFERENCE = /&(?:[A-Za-z]+|#[0-9]+|#x[0-9A-Fa-f]+);/g;

/**
 * Throws unless `text` is well-formed XML: legal characters only, every
 * tag well-formed and closed in order, one root, entities well-formed.
 * (A small checker; enough for the flat documents a JUnit reporter writes.)
 */
export function assertWellFormedXml(text: string): void {
  const bad = NOT_XML_CHAR.exec(text);
  if (bad !== null)
    throw new Error(
      `junit: character U+${(bad[0].codePointAt(0) as number).toString(16)} is not allowed in XML`,
    );
  const body = text.replace(/^\s*<\?xml[^?]*\?>/, '');
  const open: string[] = [];
  let roots = 0;
  let position = 0;
  while (position < body.length) {
    const start = body.indexOf('<', position);
    const textPart = body.slice(position, start === -1 ? body.length : start);
    if (textPart.replace(REFERENCE, '').includes('&'))
      throw new Error(`junit: bare & in text near ${JSON.stringify(textPart.slice(0, 60))}`);
    if (open.length === 0 && textPart.trim() !== '') throw new Error('junit: text outside the root element');
    if (start === -1) break;
    if (body.startsWith('<!--', start)) {
      const end = body.indexOf('-->', start);
      if (end === -1) throw new Error('junit: unclosed comment');
      position = end + 3;
      continue;
    }
    if (body.startsWith('<![CDATA[', start)) {
      const end = body.indexOf(']]>', start);
      if (end === -1 || open.length === 0) throw new Error('junit: misplaced CDATA section');
      position = end + 3;
      continue;
    }
    const end = body.indexOf('>', start);
    if (end === -1) throw new Error('junit: unclosed tag');
    const tag = body.slice(start, end + 1);
    const match = TAG.exec(tag);
    if (match === null) throw new Error(`junit: malformed tag ${JSON.stringify(tag.slice(0, 80))}`);
    const [, closing, name, attributes, selfClosing] = match;
    if ((attributes ?? '').replace(REFERENCE, '').includes('&'))
      throw new Error(`junit: bare & in attribute of <${name}>`);
    if (closing === '/') {
      if (open.pop() !== name) throw new Error(`junit: </${name}> closes the wrong element`);
    } else {
      if (open.length === 0) roots += 1;
      if (selfClosing !== '/') open.push(name as string);
    }
    position = end + 1;
  }
  if (open.length > 0) throw new Error(`junit: <${open.at(-1)}> is never closed`);
  if (roots !== 1) throw new Error(`junit: expected one root element, found ${roots}`);
}

/** A workflow command the runner would act on: `::name ...::` at the start of a line. */
const WORKFLOW_COMMAND = /^\s*::([A-Za-z-]+)(?: [^:]*)?::/;

/** Validators by format name: each throws on output that breaks the format's promise. */
export const FORMAT_VALIDATORS: Readonly<Record<string, (output: string) => void>> = {
  stylish: (output) => assertInert(output, 'stylish'),
  json: (output) => {
    const report = JSON.parse(output) as { version?: unknown; findings?: unknown };
    if (report.version !== 1 || !Array.isArray(report.findings))
      throw new Error('json: not a version 1 report');
    assertInert(output, 'json');
  },
  sarif: (output) => {
    assertValidSarif(output);
    assertInert(output, 'sarif');
  },
  github: (output) => {
    if (ESCAPE_OR_CR.test(output)) throw new Error('github: raw escape or carriage return in annotations');
    for (const line of output.split('\n')) {
      const command = WORKFLOW_COMMAND.exec(line);
      if (command !== null && !['error', 'warning', 'notice'].includes(command[1] as string)) {
        throw new Error(`github: unexpected workflow command ${JSON.stringify(line.slice(0, 80))}`);
      }
      if (/^\s*::[^:]*::INJECTED/.test(line)) throw new Error('github: injected workflow command');
    }
  },
  gitlab: (output) => {
    const report = JSON.parse(output) as unknown;
    if (!Array.isArray(report)) throw new Error('gitlab: not a JSON array');
    assertInert(output, 'gitlab');
  },
  junit: (output) => assertWellFormedXml(output),
};
