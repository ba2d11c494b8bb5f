/**
 * Parses and validates config text against the zod schema. Kept apart from
 * finding and reading the file (`load.ts`), which loads this module only
 * when there is a config: building the schema costs start-up time that a
 * run without a config file need not pay.
 */
import { parseJson, stripBom } from '../load/read.js';
import { ConfigError } from './error.js';
import { formatIssues } from './issues.js';
import { configSchema, type ConfigInput } from './schema.js';

/** Parses and validates config text; `shown` names the file in errors. */
export function parseConfig(text: string, shown: string): ConfigInput {
  const parsed = parseJson(stripBom(text));
  if (!parsed.ok) throw new ConfigError(`${shown}:${parsed.line}:${parsed.column}: ${parsed.message}`);
  const result = configSchema.safeParse(parsed.value, { reportInput: true });
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues, shown).join('\n'));
  return result.data;
}
