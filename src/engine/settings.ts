/**
 * Resolves which checks run, at which severity and with which options,
 * from the preset and per-check settings.
 */
import { z } from 'zod';
import type { Severity } from '../model/types.js';
import type { Check, SeveritySetting, SharedSettings } from './check.js';
import type { EnabledCheck } from './run.js';
import { DEFAULT_SENSITIVE_PORTS, toSensitivePort } from './sensitive-ports.js';

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

/** Turns a preset and per-check settings into the checks to run. */
export function resolveChecks(
  checks: readonly Check<unknown>[],
  preset: Preset,
  perCheck: Readonly<Record<string, CheckSetting>> = {},
  where = 'settings',
): EnabledCheck[] {
  if (preset !== 'recommended' && preset !== 'strict') {
    const shown = JSON.stringify(preset);
    throw new SettingsError(`${where}: unknown preset ${shown}; expected recommended or strict`);
  }
  const ids = new Set(checks.map((check) => check.id));
  for (const id of Object.keys(perCheck)) {
    if (!ids.has(id)) {
      throw new SettingsError(`${where}: unknown check "${id}"; known checks: ${[...ids].join(', ')}`);
    }
  }
  const enabled: EnabledCheck[] = [];
  for (const check of checks) {
    const setting = Object.hasOwn(perCheck, check.id) ? (perCheck[check.id] ?? {}) : {};
    if (setting.severity !== undefined && !severitySettingSchema.safeParse(setting.severity).success) {
      const shown = JSON.stringify(setting.severity);
      throw new SettingsError(
        `${where}: checks.${check.id}.severity is ${shown}; expected off, note, warning or error`,
      );
    }
    const severity = setting.severity ?? presetSeverity(check, preset);
    if (severity === 'off') continue;
    const parsed = check.options.safeParse(setting.options ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue?.path.map(String).join('.') ?? '';
      throw new SettingsError(
        `${where}: checks.${check.id}.options${path === '' ? '' : `.${path}`}: ${issue?.message ?? 'invalid'}`,
      );
    }
    enabled.push({ check, severity: severity as Severity, options: parsed.data });
  }
  return enabled;
}

export const severitySettingSchema = z.enum(['off', 'note', 'warning', 'error']);
