/**
 * The shape of a security group in API form, and a cheap check for it.
 * Zod stays the validator of record and writes the messages; the cheap
 * check only spares it the groups that are plainly right (it walks every
 * rule of the list and every label otherwise).
 */
import { z } from 'zod';

/** A group as the API and the CLI write it; unknown keys are kept. */
export const groupSchema = z.looseObject({
  id: z.string().nullish(),
  name: z.string(),
  description: z.string().nullish(),
  labels: z.record(z.string(), z.unknown()).nullish(),
  stateful: z.boolean().nullish(),
  rules: z.array(z.unknown()).nullish(),
});

const isNullish = (value: unknown): boolean => value === undefined || value === null;
const optionalString = (value: unknown): boolean => isNullish(value) || typeof value === 'string';

/**
 * Labels every string-keyed record schema takes: an ordinary object (the
 * prototype and constructor of `{}`) whose keys are all strings.
 */
function plainLabels(labels: unknown): boolean {
  return (
    typeof labels === 'object' &&
    labels !== null &&
    Object.getPrototypeOf(labels) === Object.prototype &&
    !Object.prototype.hasOwnProperty.call(labels, 'constructor') &&
    Object.getOwnPropertySymbols(labels).length === 0
  );
}

/**
 * True only for an object `groupSchema` accepts; a group that fails this
 * check goes to zod, which decides and explains.
 */
export function conformsToGroupSchema(value: Record<string, unknown>): boolean {
  const { id, name, description, labels, stateful, rules } = value;
  return (
    optionalString(id) &&
    typeof name === 'string' &&
    optionalString(description) &&
    (isNullish(labels) || plainLabels(labels)) &&
    (isNullish(stateful) || typeof stateful === 'boolean') &&
    (isNullish(rules) || Array.isArray(rules))
  );
}
