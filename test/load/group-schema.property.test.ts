import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conformsToGroupSchema, groupSchema } from '../../src/load/group-schema.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from '../analysis/fc-settings.js';

/** Values that are right for some fields and wrong for others. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('web', '', 'sg-1'),
  fc.integer({ min: -2, max: 3 }),
  fc.boolean(),
  fc.constant([]),
  fc.constant([{ direction: 'ingress' }, 7]),
  fc.constant({}),
  fc.constant(Object.create(null) as object),
  fc.constant({ constructor: 'x' }),
  fc.constant({ [Symbol('s')]: 'x' }),
);

/** Mostly a value the field accepts, sometimes any value. */
const field = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 10, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
const text = fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.constant(undefined));
const labels = fc.oneof(
  fc.constant(null),
  fc.dictionary(
    fc.string({ maxLength: 3 }),
    fc.oneof(fc.string({ maxLength: 3 }), fc.integer(), fc.constant(null)),
    { noNullPrototype: true },
  ),
);

const groupLike = fc.record(
  {
    id: field(text),
    name: field(fc.string({ maxLength: 5 })),
    description: field(text),
    labels: field(labels),
    stateful: field(fc.oneof(fc.boolean(), fc.constant(null))),
    rules: field(fc.oneof(fc.constant(null), fc.array(fc.anything(), { maxLength: 3 }))),
    createdAt: anyValue,
  },
  { requiredKeys: [] },
);

describe('conformsToGroupSchema', () => {
  it(
    'accepts only groups the zod schema accepts, and nearly all of them',
    () => {
      const seen = { valid: 0, invalid: 0, fast: 0 };
      fc.assert(
        fc.property(groupLike, (group) => {
          const valid = groupSchema.safeParse(group).success;
          const fast = conformsToGroupSchema(group);
          seen[valid ? 'valid' : 'invalid'] += 1;
          if (fast) seen.fast += 1;
          if (fast) expect(valid).toBe(true);
        }),
        FC_PARAMETERS,
      );
      expect(seen.invalid).toBeGreaterThan(FC_PARAMETERS.numRuns / 50);
      expect(seen.fast).toBeGreaterThan(seen.valid * 0.9);
    },
    PROPERTY_TIMEOUT,
  );

  it.each([
    [{ name: 'web' }, true],
    [{ name: 'web', id: 'sg-1', labels: { env: 'prod' }, stateful: false, rules: [] }, true],
    [{ id: 'sg-1' }, false],
    [{ name: 'web', labels: [] }, false],
    [{ name: 'web', rules: {} }, false],
    [{ name: 'web', stateful: 'yes' }, false],
  ])('decides %j', (group, expected) => {
    expect(conformsToGroupSchema(group)).toBe(expected);
    expect(groupSchema.safeParse(group).success).toBe(expected);
  });

  it('leaves labels with an own constructor key to zod', () => {
    const group = { name: 'web', labels: { constructor: 'x' } };
    expect(conformsToGroupSchema(group)).toBe(false);
    expect(groupSchema.safeParse(group).success).toBe(true);
  });
});
