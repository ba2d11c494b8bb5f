/**
 * Inline suppression through group labels, since the API has no comments:
 * `sglint-disable` holds check ids separated by commas (STACKIT label
 * values allow no commas, so `.`, `_` and spaces separate too), and
 * `sglint-disable-<check-id>` silences one check with its value as reason.
 */
import type { SecurityGroup } from '../model/types.js';

export const DISABLE_LABEL = 'sglint-disable';

/** One check id a group's labels name, with the label it came from. */
export interface LabelSuppression {
  check: string;
  label: string;
  justification: string;
}

/** Splits a `sglint-disable` value into check ids. */
export function parseDisableValue(value: string): string[] {
  return value
    .split(/[\s,._]+/)
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** Every suppression a group's labels ask for, in label order. */
export function labelSuppressions(group: SecurityGroup): LabelSuppression[] {
  const found: LabelSuppression[] = [];
  for (const [label, value] of Object.entries(group.labels)) {
    if (label === DISABLE_LABEL) {
      for (const check of parseDisableValue(value)) {
        found.push({ check, label, justification: `group label ${DISABLE_LABEL}=${value}` });
      }
    } else if (label.startsWith(`${DISABLE_LABEL}-`)) {
      const check = label.slice(DISABLE_LABEL.length + 1);
      const reason = value.trim() === '' ? '' : `: ${value}`;
      found.push({ check, label, justification: `group label ${label}${reason}` });
    }
  }
  return found;
}

/** A cached lookup from group to the checks it silences (check id → justification). */
export function suppressionLookup(): (group: SecurityGroup) => ReadonlyMap<string, string> {
  const cache = new WeakMap<SecurityGroup, Map<string, string>>();
  return (group) => {
    let map = cache.get(group);
    if (map === undefined) {
      map = new Map();
      for (const suppression of labelSuppressions(group)) {
        if (!map.has(suppression.check)) map.set(suppression.check, suppression.justification);
      }
      cache.set(group, map);
    }
    return map;
  };
}
