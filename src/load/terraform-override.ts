/**
 * Terraform override files (`override.tf`, `*_override.tf`): Terraform
 * merges each of their blocks into the block of the same type and name in
 * the other files of the module (the directory), an attribute of the
 * override replacing the one of the base. Read apart, an override block is
 * a half resource (a rule without a direction) and the base keeps a value
 * that will never be applied, so the merge is done here, on the parsed
 * HCL, before any file is read.
 */
import path from 'node:path';
import { isObject } from './build.js';
import type { HclParse } from './terraform-hcl.js';

type Json = Record<string, unknown>;

/** A `.tf` input with its parse, as `withHclParses` holds it. */
export interface ParsedTf {
  path: string;
  hcl?: HclParse;
}

/** True for a file Terraform treats as an override file. */
export function isOverrideFile(file: string): boolean {
  const name = path.basename(file).toLowerCase();
  return name === 'override.tf' || name.endsWith('_override.tf');
}

/** The body of a block as hcl2json gives it: an object, or a list holding one. */
function bodyOf(bodies: unknown): Json | undefined {
  const body = Array.isArray(bodies) ? bodies[0] : bodies;
  return isObject(body) ? body : undefined;
}

/** The body of `section.type.name` in a parsed file, if it has one. */
function blockBody(document: unknown, section: string, type: string, name: string): Json | undefined {
  if (!isObject(document)) return undefined;
  const byType = document[section];
  if (!isObject(byType)) return undefined;
  const byName = byType[type];
  return isObject(byName) ? bodyOf(byName[name]) : undefined;
}

/**
 * Merges the resource and data blocks of every override file into their
 * base blocks in the same directory, and takes them out of the override
 * file. An override block without a base (Terraform refuses it) is taken
 * out too. Returns, per override file, the addresses of the blocks so dropped.
 */
export function applyOverrides(inputs: readonly ParsedTf[]): Map<string, string[]> {
  const outcome = new Map<string, string[]>();
  const parsed = inputs.filter(
    (input): input is ParsedTf & { hcl: { ok: true; value: unknown } } => input.hcl?.ok === true,
  );
  for (const override of parsed.filter((input) => isOverrideFile(input.path))) {
    const directory = path.dirname(override.path);
    const bases = parsed.filter((input) => !isOverrideFile(input.path) && path.dirname(input.path) === directory);
    const dropped: string[] = [];
    const document = override.hcl.value;
    if (!isObject(document)) continue;
    for (const section of ['resource', 'data']) {
      const byType = document[section];
      if (!isObject(byType)) continue;
      for (const [type, byName] of Object.entries(byType)) {
        if (!isObject(byName)) continue;
        for (const [name, bodies] of Object.entries(byName)) {
          const address = `${section === 'data' ? 'data.' : ''}${type}.${name}`;
          const overrideBody = bodyOf(bodies);
          const base = bases
            .map((input) => blockBody(input.hcl.value, section, type, name))
            .find((body) => body !== undefined);
          if (base !== undefined && overrideBody !== undefined) Object.assign(base, overrideBody);
          else dropped.push(address);
          delete byName[name];
        }
      }
    }
    outcome.set(override.path, dropped);
  }
  return outcome;
}
