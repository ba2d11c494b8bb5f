/**
 * Per-group overrides: settings that apply to the groups whose name
 * matches a glob. A check whose groups end up with different settings
 * runs once per distinct setting, each run keeping only its groups'
 * findings; later overrides win over earlier ones, options merge shallowly.
 */
import picomatch from 'picomatch';
import type { SecurityGroup, Severity } from '../model/types.js';
import type { Check } from './check.js';
import type { EnabledCheck } from './run.js';
import { presetSeverity, SettingsError, type CheckSetting, type Preset } from './settings.js';

export interface GroupOverride {
  /** Name globs (picomatch syntax); a group matches when any glob does. */
  groups: string[];
  checks: Record<string, CheckSetting>;
}

interface Effective {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

function merge(base: Effective, setting: CheckSetting | undefined): Effective {
  if (setting === undefined) return base;
  return {
    severity: setting.severity ?? base.severity,
    options: setting.options === undefined ? base.options : { ...base.options, ...setting.options },
  };
}

function parseOptions(check: Check<unknown>, options: Record<string, unknown>, where: string): unknown {
  const parsed = check.options.safeParse(options);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.map(String).join('.') ?? '';
  throw new SettingsError(`${where}.options${path === '' ? '' : `.${path}`}: ${issue?.message ?? 'invalid'}`);
}

/**
 * The checks to run with their per-group variants. Throws SettingsError
 * naming the key for an unknown check id or options a check rejects.
 */
export function resolveWithOverrides(
  checks: readonly Check<unknown>[],
  preset: Preset,
  perCheck: Readonly<Record<string, CheckSetting>>,
  overrides: readonly GroupOverride[],
  groups: readonly SecurityGroup[],
  where = 'settings',
): EnabledCheck[] {
  const ids = new Set(checks.map((check) => check.id));
  const known = [...ids].join(', ');
  for (const id of Object.keys(perCheck)) {
    if (!ids.has(id))
      throw new SettingsError(`${where}: checks.${id}: unknown check; known checks: ${known}`);
  }
  overrides.forEach((override, index) => {
    for (const id of Object.keys(override.checks)) {
      if (!ids.has(id)) {
        throw new SettingsError(
          `${where}: overrides[${index}].checks.${id}: unknown check; known checks: ${known}`,
        );
      }
    }
  });
  const matchers = overrides.map((override) => picomatch(override.groups, { dot: true }));

  const enabled: EnabledCheck[] = [];
  for (const check of checks) {
    const setting = perCheck[check.id] ?? {};
    const base: Effective = {
      severity: setting.severity ?? presetSeverity(check, preset),
      options: setting.options ?? {},
    };
    const baseOptions = parseOptions(check, base.options, `${where}: checks.${check.id}`);
    overrides.forEach((override, index) => {
      const own = override.checks[check.id];
      if (own !== undefined)
        parseOptions(check, merge(base, own).options, `${where}: overrides[${index}].checks.${check.id}`);
    });

    const touching = overrides
      .map((override, index) => ({ override, index }))
      .filter(({ override }) => check.id in override.checks);
    const variants = new Map<string, { effective: Effective; groups: Set<SecurityGroup> }>();
    if (touching.length > 0) {
      for (const group of groups) {
        let effective = base;
        let changed = false;
        for (const { override, index } of touching) {
          if (!(matchers[index] as (name: string) => boolean)(group.name)) continue;
          effective = merge(effective, override.checks[check.id]);
          changed = true;
        }
        if (!changed) continue;
        const key = JSON.stringify(effective);
        let variant = variants.get(key);
        if (variant === undefined) variants.set(key, (variant = { effective, groups: new Set() }));
        variant.groups.add(group);
      }
    }

    const overridden = new Set([...variants.values()].flatMap((variant) => [...variant.groups]));
    if (base.severity !== 'off') {
      enabled.push({
        check,
        severity: base.severity,
        options: baseOptions,
        ...(overridden.size === 0
          ? {}
          : { appliesTo: (group) => group === undefined || !overridden.has(group) }),
      });
    }
    for (const { effective, groups: members } of variants.values()) {
      if (effective.severity === 'off') continue;
      const options = parseOptions(
        check,
        effective.options,
        `${where}: overrides for group "${[...members][0]?.name}": checks.${check.id}`,
      );
      enabled.push({
        check,
        severity: effective.severity,
        options,
        appliesTo: (group) => group !== undefined && members.has(group),
      });
    }
  }
  return enabled;
}
