/**
 * The JSON Schema of `sglint.config.json` for editors, generated from the
 * zod schema. It also lists every built-in check under `checks` (and in
 * overrides) with that check's own options, so editors complete ids and
 * options; other ids (plugin checks) take any options.
 * `npm run schema` writes it to `schema/sglint.config.schema.json`.
 */
import { z } from 'zod';
import type { Check } from '../engine/check.js';
import { BUILTIN_CHECKS } from '../engine/registry.js';
import { checkSettingSchema, configShape, severitySchema } from './schema.js';

function checksObject(checks: readonly Check<unknown>[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const check of checks) {
    shape[check.id] = z
      .union([
        severitySchema,
        z.strictObject({ severity: severitySchema.optional(), options: check.options.optional() }),
      ])
      .describe(check.description)
      .optional();
  }
  return z.object(shape).catchall(checkSettingSchema);
}

/** The config JSON Schema as an object. */
export function configJsonSchema(
  checks: readonly Check<unknown>[] = BUILTIN_CHECKS,
): Record<string, unknown> {
  const perCheck = checksObject(checks);
  const schema = z
    .strictObject({
      ...configShape,
      checks: perCheck.describe(configShape.checks.description ?? '').optional(),
      overrides: z
        .array(
          z.strictObject({
            groups: z.array(z.string().min(1)).min(1).describe('group name globs (picomatch syntax)'),
            checks: perCheck,
          }),
        )
        .describe(configShape.overrides.description ?? '')
        .optional(),
    })
    .describe('sglint configuration (sglint.config.json)');
  const json = z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' });
  return { ...json, title: 'sglint.config.json' };
}

/** The schema file's text (stable, two-space indented, final newline). */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
