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
  return resolveWithOverrides(checks, preset, perCheck, [], [], where);
}

export const severitySettingSchema = z.enum(['off', 'note', 'warning', 'error']);
