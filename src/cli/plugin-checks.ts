/**
 * The checks a command can name: the built-in ones, then those of the
 * plugins in the config (found upward from the working directory, or
 * given with --config), so `rules` and `explain` show what a lint run
 * would run.
 */
import { ConfigError, loadConfig } from '../config/load.js';
import { resolveConfig } from '../config/resolve.js';
import type { Check } from '../engine/check.js';
import { BUILTIN_CHECKS } from '../engine/registry.js';
import { inert } from '../report/text.js';
import type { CliIo } from './io.js';

export interface KnownChecks {
  checks: readonly Check<unknown>[];
  /** Plugin name for each plugin check id. */
  pluginOrigin: ReadonlyMap<string, string>;
  /** False when the config or a plugin could not be used (reported on standard error). */
  ok: boolean;
}

/** Built-in checks plus the config's plugin checks; problems go to standard error. */
export async function knownChecks(io: CliIo, configFile: string | undefined): Promise<KnownChecks> {
  try {
    const config = await resolveConfig(await loadConfig(io.cwd, configFile));
    for (const error of config.pluginErrors) io.stderr.write(`sglint: ${inert(error)}\n`);
    return {
      checks: [...BUILTIN_CHECKS, ...(config.lint.extraChecks ?? [])],
      pluginOrigin: config.pluginOrigin,
      ok: config.pluginErrors.length === 0,
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`sglint: ${error.message.split('\n').map(inert).join('\nsglint: ')}\n`);
    return { checks: BUILTIN_CHECKS, pluginOrigin: new Map(), ok: false };
  }
}
