/**
 * Turns a validated config into lint options: per-check settings in one
 * shape, shared settings (trusted ranges, sensitive ports), per-group
 * overrides, the ignore matcher and the plugin checks.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import type { LintOptions } from '../engine/lint.js';
import { BUILTIN_CHECKS } from '../engine/registry.js';
import { DEFAULT_SENSITIVE_PORTS, toSensitivePort } from '../engine/sensitive-ports.js';
import type { CheckSetting } from '../engine/settings.js';
import type { LoadedConfig } from './load.js';
import type { CheckSettingInput } from './schema.js';

export interface ResolvedConfig {
  lint: LintOptions;
  /** True for an input file the config's `ignore` globs exclude. */
  ignores: (absolute: string) => boolean;
  pluginErrors: string[];
  /** Plugin name for each plugin check id. */
  pluginOrigin: Map<string, string>;
  /** Module files of the plugins (absolute), which the run reads. */
  pluginFiles: string[];
}

function toSetting(input: CheckSettingInput): CheckSetting {
  if (typeof input === 'string') return { severity: input };
  return {
    ...(input.severity === undefined ? {} : { severity: input.severity }),
    ...(input.options === undefined ? {} : { options: input.options }),
  };
}

function toSettings(input: Record<string, CheckSettingInput> | undefined): Record<string, CheckSetting> {
  return Object.fromEntries(Object.entries(input ?? {}).map(([id, setting]) => [id, toSetting(setting)]));
}

/** An ignore matcher for globs relative to `baseDir`. */
export function ignoreMatcher(globs: readonly string[], baseDir: string): (absolute: string) => boolean {
  if (globs.length === 0) return () => false;
  const matches = picomatch([...globs], { dot: true });
  return (absolute) => {
    const relative = path.relative(baseDir, absolute).split(path.sep).join('/');
    return matches(relative);
  };
}

/** Resolves a loaded config (or none) into options; imports plugins. */
export async function resolveConfig(loaded: LoadedConfig | undefined): Promise<ResolvedConfig> {
  if (loaded === undefined) {
    return { lint: {}, ignores: () => false, pluginErrors: [], pluginOrigin: new Map(), pluginFiles: [] };
  }
  const { config } = loaded;
  const baseDir = path.dirname(loaded.file);
  // Loaded with a config only: its check schema costs start-up time that a run without a config need not pay.
  const { loadPlugins } = await import('./plugins.js');
  const plugins = await loadPlugins(
    config.plugins ?? [],
    baseDir,
    new Set(BUILTIN_CHECKS.map((check) => check.id)),
  );

  const shared: LintOptions['shared'] = {};
  if (config.trustedRanges !== undefined) shared.trustedRanges = config.trustedRanges;
  if (config.sensitivePorts !== undefined) {
    const given = config.sensitivePorts.ports;
    const list = config.sensitivePorts.mode === 'replace' ? given : [...DEFAULT_SENSITIVE_PORTS, ...given];
    shared.sensitivePorts = list.map(toSensitivePort);
  }

  return {
    lint: {
      ...(config.preset === undefined ? {} : { preset: config.preset }),
      checks: toSettings(config.checks),
      overrides: (config.overrides ?? []).map((override) => ({
        groups: override.groups,
        checks: toSettings(override.checks),
      })),
      shared,
      extraChecks: plugins.checks,
      settingsSource: loaded.shown,
    },
    ignores: ignoreMatcher(config.ignore ?? [], baseDir),
    pluginErrors: plugins.errors,
    pluginOrigin: plugins.origin,
    pluginFiles: plugins.files,
  };
}
