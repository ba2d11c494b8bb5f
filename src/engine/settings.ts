/**
 * Resolves which checks run, at which severity and with which options,
 * from the preset and per-check settings.
 */
import { z } from 'zod';
import type { Check, SeveritySetting, SharedSettings } from './check.js';
import type { EnabledCheck } from './run.js';
import { DEFAULT_SENSITIVE_PORTS, toSensitivePort } from './sensitive-ports.js';
import { resolveWithOverrides } from './overrides.js';

export type Preset = 'recommended' | 'strict';

export interface CheckSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface ResolvedSettings {
  checks: EnabledCheck[];
  shared: SharedSettings;
}

/**
 * Settings a caller got wrong (unknown check, preset or severity, invalid
 * check options): the one error `lint()` rejects with for a usage mistake.
 */
export class SettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

export function defaultShared(): SharedSettings {
  return { trustedRanges: [], sensitivePorts: DEFAULT_SENSITIVE_PORTS.map(toSensitivePort) };
}

/** The severity a check has under a preset before per-check overrides. */
export function presetSeverity(check: Check<unknown>, preset: Preset): SeveritySetting {
  if (preset === 'strict' && check.strictSeverity !== undefined) return check.strictSeverity;
  return check.defaultSeverity;
}

/** Turns a preset and per-check settings into the checks to run (no per-group overrides). */
export function resolveChecks(
  checks: readonly Check<unknown>[],
  preset: Preset,
  perCheck: Readonly<Record<string, CheckSetting>> = {},
  where = 'settings',
): EnabledCheck[] {
  validateSettings(preset, perCheck, where);
  return resolveWithOverrides(checks, preset, perCheck, [], [], where);
}

export const severitySettingSchema = z.enum(['off', 'note', 'warning', 'error']);

/**
 * Checks what a library caller passed, which no config schema validated:
 * the preset name and each severity. Throws {@link SettingsError}.
 */
export function validateSettings(
  preset: string,
  perCheck: Readonly<Record<string, CheckSetting>>,
  where = 'settings',
): void {
  if (preset !== 'recommended' && preset !== 'strict') {
    const shown = JSON.stringify(preset);
    throw new SettingsError(`${where}: unknown preset ${shown}; expected recommended or strict`);
  }
  for (const [id, setting] of Object.entries(perCheck)) {
    if (setting.severity !== undefined && !severitySettingSchema.safeParse(setting.severity).success) {
      const shown = JSON.stringify(setting.severity);
      throw new SettingsError(`${where}: checks.${id}.severity is ${shown}; expected off, note, warning or error`);
    }
  }
}
