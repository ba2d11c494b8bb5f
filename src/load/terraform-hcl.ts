/**
 * Reads Terraform `.tf` files directly, for pre-commit use without a plan.
 * The HCL is turned into JSON by @cdktn/hcl2json (HashiCorp's HCL parser
 * compiled to WebAssembly); expressions come back as `${…}` strings. Literal
 * values are checked; a value given by an expression (a variable, another
 * resource) is unknown, except a plain reference to a group, NIC or server
 * of the same module, which joins the two.
 */
import path from 'node:path';
import { isObject } from './build.js';
import { emptyReadResult, type ReadResult, type ShapeReader } from './records.js';
import { GROUP_TYPE, terraformKey } from './terraform-map.js';
import { readResource, unknownRulesNote, type Resource } from './terraform-resources.js';

type Json = Record<string, unknown>;

/** The HCL parse of one `.tf` text. */
export type HclParse =
  | { ok: true; value: unknown }
  | { ok: false; line: number; column: number; message: string };

/** Parses HCL; a syntax error comes back with its 1-based line and column. */
export async function parseHcl(file: string, text: string): Promise<HclParse> {
  try {
    // Loaded on first use: starting the WebAssembly parser costs time that JSON-only runs need not pay.
    const { parse } = await import('@cdktn/hcl2json');
    return { ok: true, value: await parse(path.basename(file), text) };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const match = /:(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^;\]]+)(?:; ([^\]]*))?/.exec(raw);
    if (match === null) return { ok: false, line: 1, column: 1, message: `invalid HCL: ${raw}` };
    const detail = match[4] === undefined ? '' : `: ${match[4].replace(/\.$/, '')}`;
    return {
      ok: false,
      line: Number(match[1]),
      column: Number(match[2]),
      message: `invalid HCL: ${(match[3] as string).toLowerCase()}${detail}`,
    };
  }
}

/** True when a value holds an expression (`${…}` or a `%{…}` directive) anywhere inside. */
function hasExpression(value: unknown): boolean {
  if (typeof value === 'string') return /(^|[^$])[$%]\{/.test(value);
  if (Array.isArray(value)) return value.some(hasExpression);
  if (isObject(value)) return Object.values(value).some(hasExpression);
  return false;
}

/** The traversals of an attribute that is one reference or a list of plain references. */
function plainReferences(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const references: string[] = [];
  for (const item of items) {
    const match = typeof item === 'string' ? /^\$\{([A-Za-z0-9_.\-[\]"]+)\}$/.exec(item) : null;
    if (match === null) return [];
    references.push(match[1] as string);
  }
  return references;
}

/** True for a literal empty `for_each`: `{}`, `[]`, `toset([])` (zero instances). */
function isEmptyForEach(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return typeof value === 'string' && /^\$\{\s*(?:toset\(\s*\[\s*\]\s*\)|tomap\(\s*\{\s*\}\s*\)|\[\s*\]|\{\s*\})\s*\}$/.test(value);
}

/** The scope of a file's join keys: its directory, which is its Terraform module. */
function scopeOf(file: string): string {
  return `${path.posix.dirname(file.split(path.sep).join('/'))}#`;
}

function blocks(document: Json, mode: 'managed' | 'data', file: string): Resource[] {
  const section = document[mode === 'managed' ? 'resource' : 'data'];
  const found: Resource[] = [];
  if (!isObject(section)) return found;
  for (const [type, byName] of Object.entries(section)) {
    if (!isObject(byName)) continue;
    for (const [name, bodies] of Object.entries(byName)) {
      const body = Array.isArray(bodies) ? bodies[0] : bodies;
      // `count = 0` switches a resource off (HCL may give the literal as the text "0"), and so
      // does a literal empty `for_each`.
      if (!isObject(body) || body.count === 0 || body.count === '0' || isEmptyForEach(body.for_each)) continue;
      const address = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
      found.push({
        address,
        mode,
        type,
        modulePrefix: '',
        keyScope: scopeOf(file),
        values: body,
        pointer: `/${mode === 'managed' ? 'resource' : 'data'}/${type}/${name}`,
        isUnknown: (attribute) => hasExpression(body[attribute]),
        references: (attribute) => plainReferences(body[attribute]),
      });
    }
  }
  return found;
}

/** The HCL form of a `.tf` file, as hcl2json gives it. */
export const hclReader: ShapeReader = {
  shapes: ['a Terraform .tf file'],
  accepts: (value, file) => isObject(value) && file.toLowerCase().endsWith('.tf'),
  read: (value, file): ReadResult => {
    const document = value as Json;
    const result = emptyReadResult();
    const unknownRules: string[] = [];
    for (const resource of [...blocks(document, 'managed', file), ...blocks(document, 'data', file)]) {
      readResource(result, resource, unknownRules);
    }
    const note = unknownRulesNote(unknownRules, 'that depend on variables or other resources');
    if (note !== undefined) result.notes = [note];
    return result;
  },
};

/**
 * The join keys of the groups a `.tf` file hands to a module call
 * (`security_group_ids = [stackit_security_group.web.security_group_id]`):
 * the module may attach them to NICs sglint does not see.
 */
export function groupsPassedToModules(file: string, document: unknown): string[] {
  if (!isObject(document) || !isObject(document.module)) return [];
  const keys: string[] = [];
  const pattern = new RegExp(`\\b${GROUP_TYPE}\\.([A-Za-z_][A-Za-z0-9_-]*)`, 'g');
  for (const match of JSON.stringify(document.module).matchAll(pattern)) {
    keys.push(terraformKey(scopeOf(file), `${GROUP_TYPE}.${match[1] as string}`));
  }
  return keys;
}
