/**
 * The `sglint.config.json` schema (zod). Every check validates its own
 * options later, once plugins are loaded; here options are any object.
 * The JSON Schema shipped for editors is generated from this
 * (`src/config/json-schema.ts`, `npm run schema`).
 */
import { z } from 'zod';
import { cidrProblem } from '../analysis/cidr.js';
import { sensitivePortSchema } from '../engine/sensitive-ports.js';
import { strictObject } from './strict.js';

export { CONFIG_FILE_NAME } from './file-name.js';

export const severitySchema = z
  .enum(['off', 'note', 'warning', 'error'])
  .describe('off, or the severity findings of the check get');

export const checkOptionsSchema = z
  .record(z.string(), z.unknown())
  .describe('options of the check; each check documents and validates its own');

export const checkSettingSchema = z.union([
  severitySchema,
  strictObject({
    severity: severitySchema.optional(),
    options: checkOptionsSchema.optional(),
  }),
]);

const cidrSchema = z.string().superRefine((value, context) => {
  const problem = cidrProblem(value);
  if (problem !== undefined) context.addIssue({ code: 'custom', message: problem });
});

export const configShape = {
  $schema: z.string().describe('JSON Schema reference for editors; ignored by sglint').optional(),
  preset: z.enum(['recommended', 'strict']).describe('the base set of checks and severities').optional(),
  checks: z
    .record(z.string(), checkSettingSchema)
    .describe('per-check severity ("off", "note", "warning", "error") or {severity, options}')
    .optional(),
  ignore: z
    .array(z.string().min(1))
    .describe('globs of input files to skip, relative to the config file')
    .optional(),
  trustedRanges: z
    .array(cidrSchema)
    .describe('CIDRs that count as internal: exposure to them is not public')
    .optional(),
  sensitivePorts: strictObject({
    mode: z.enum(['extend', 'replace']).describe('add to the built-in list, or replace it').optional(),
    ports: z.array(sensitivePortSchema),
  })
    .describe('ports that must never be open to the world')
    .optional(),
  overrides: z
    .array(
      strictObject({
        groups: z.array(z.string().min(1)).min(1).describe('group name globs (picomatch syntax)'),
        checks: z.record(z.string(), checkSettingSchema),
      }),
    )
    .describe('check settings for the groups whose name matches; later entries win')
    .optional(),
  plugins: z
    .array(z.string().min(1))
    .describe('modules with custom checks: paths relative to the config file, or package names')
    .optional(),
};

export const configSchema = strictObject(configShape);

export type ConfigInput = z.infer<typeof configSchema>;
export type CheckSettingInput = z.infer<typeof checkSettingSchema>;
