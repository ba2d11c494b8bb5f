/**
 * Loads custom checks from plugin modules named in the config. A module's
 * default export (or its export named `checks`) is an array of checks with
 * the built-in interface. A module that cannot load and every check that
 * fails validation are reported by plugin name; the rest still run.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { Check } from '../engine/check.js';
import { formatIssues } from './issues.js';

const severity = z.enum(['off', 'note', 'warning', 'error']);

const pluginCheckSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'expected lowercase letters, digits and dashes'),
  description: z.string().min(1, 'expected a one-line description'),
  defaultSeverity: severity,
  strictSeverity: severity.optional(),
  tags: z.array(z.string()).max(10, 'at most 10 tags').optional(),
  securitySeverity: z
    .string()
    .regex(/^\d{1,2}(\.\d)?$/, 'expected a score such as "5.5"')
    .refine((score) => Number(score) > 0 && Number(score) <= 10, 'expected a score in (0.0, 10.0]')
    .optional(),
  precision: z.enum(['very-high', 'high', 'medium', 'low']).optional(),
  options: z
    .custom<z.ZodType>(
      (value) =>
        typeof value === 'object' && value !== null && typeof (value as z.ZodType).safeParse === 'function',
      'expected a zod schema',
    )
    .optional(),
  check: z.custom<Check<unknown>['check']>((value) => typeof value === 'function', 'expected a function'),
});

export interface LoadedPlugins {
  checks: Check<unknown>[];
  /** One message per plugin or plugin check that could not be used. */
  errors: string[];
  /** Plugin name for each loaded check id. */
  origin: Map<string, string>;
  /** Module file of each plugin that resolved to one, loaded or not: no report may replace it. */
  files: string[];
}

class PluginLoadError extends Error {}

function isPath(spec: string): boolean {
  return spec.startsWith('.') || path.isAbsolute(spec);
}

/** The module's file URL: a path relative to the config, or a package resolved from there. */
function moduleUrl(spec: string, baseDir: string): string {
  if (isPath(spec)) return pathToFileURL(path.resolve(baseDir, spec)).href;
  try {
    return pathToFileURL(createRequire(path.join(baseDir, 'sglint.config.json')).resolve(spec)).href;
  } catch {
    throw new PluginLoadError(`package "${spec}" not found from ${baseDir}`);
  }
}

function loadFailure(error: unknown, spec: string, baseDir: string): string {
  if (error instanceof PluginLoadError) return error.message;
  if ((error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && isPath(spec)) {
    const file = path.resolve(baseDir, spec);
    // The plugin itself is missing only when nothing was imported from it: otherwise it is
    // there and Node's message names the package or file it imports that is missing.
    if (!existsSync(file)) return `no module at ${file}`;
  }
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

function exportedChecks(module: Record<string, unknown>): unknown {
  if (Array.isArray(module.default)) return module.default;
  if (Array.isArray(module.checks)) return module.checks;
  return undefined;
}

/** Imports every plugin; `taken` holds ids already in use (the built-in checks). */
export async function loadPlugins(
  specs: readonly string[],
  baseDir: string,
  taken: ReadonlySet<string>,
): Promise<LoadedPlugins> {
  const loaded: LoadedPlugins = { checks: [], errors: [], origin: new Map(), files: [] };
  const used = new Set(taken);
  for (const spec of specs) {
    let module: Record<string, unknown>;
    try {
      const url = moduleUrl(spec, baseDir);
      loaded.files.push(fileURLToPath(url));
      module = (await import(url)) as Record<string, unknown>;
    } catch (error) {
      loaded.errors.push(`plugin ${spec}: cannot load: ${loadFailure(error, spec, baseDir)}`);
      continue;
    }
    const list = exportedChecks(module);
    if (list === undefined) {
      loaded.errors.push(
        `plugin ${spec}: expected a default export (or an export named "checks") that is an array of checks`,
      );
      continue;
    }
    (list as unknown[]).forEach((candidate, index) => {
      const parsed = pluginCheckSchema.safeParse(candidate, { reportInput: true });
      if (!parsed.success) {
        loaded.errors.push(...formatIssues(parsed.error.issues, `plugin ${spec}`, ['checks', index]));
        return;
      }
      const meta = parsed.data;
      if (used.has(meta.id)) {
        const whose = loaded.origin.get(meta.id);
        const clash = whose === undefined ? 'a built-in check' : `a check of plugin ${whose}`;
        loaded.errors.push(`plugin ${spec}: checks[${index}].id: "${meta.id}" is already ${clash}`);
        return;
      }
      used.add(meta.id);
      loaded.origin.set(meta.id, spec);
      loaded.checks.push({
        ...meta,
        tags: meta.tags ?? [],
        options: meta.options ?? z.object({}).strict(),
      } as Check<unknown>);
    });
  }
  return loaded;
}
