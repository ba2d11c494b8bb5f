import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apiRuleSchema, conformsToApiRule } from '../../src/model/normalize.js';
import { FC_PARAMETERS, PROPERTY_TIMEOUT } from '../analysis/fc-settings.js';

/** Values that are right for some fields and wrong for others. */
const anyValue = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constantFrom('ingress', 'egress', 'IPv4', 'IPv6', 'tcp', '', 'INGRESS'),
  fc.integer({ min: -2, max: 70000 }),
  fc.constantFrom(0, 1, 255, 256, 65535, 65536, 1.5, -0, Number.NaN),
  fc.boolean(),
  fc.constant([]),
  fc.record(
    {
      name: fc.oneof(fc.constant('tcp'), fc.constant(null), fc.integer()),
      number: fc.oneof(fc.integer({ min: -1, max: 300 }), fc.constant(null), fc.constant('6')),
      min: fc.oneof(fc.integer({ min: -1, max: 70000 }), fc.constant('22')),
      max: fc.integer({ min: -1, max: 70000 }),
      type: fc.oneof(fc.integer({ min: -1, max: 300 }), fc.constant(null)),
      code: fc.integer({ min: -1, max: 300 }),
    },
    { requiredKeys: [] },
  ),
);

/** Mostly a value the field accepts, sometimes any value. */
const field = (valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: anyValue });
const byte = fc.integer({ min: 0, max: 255 });
const port = fc.integer({ min: 0, max: 65535 });
const text = fc.oneof(fc.string({ maxLength: 3 }), fc.constant(null), fc.constant(undefined));

const ruleLike = fc.record(
  {
    id: field(text),
    securityGroupId: field(text),
    direction: field(fc.constantFrom('ingress', 'egress')),
    ethertype: field(fc.constantFrom('IPv4', 'IPv6', null)),
    protocol: field(
      fc.oneof(
        fc.constant('tcp'),
        byte,
        fc.record(
          { name: field(text), number: field(fc.oneof(byte, fc.constant(null))) },
          { requiredKeys: [] },
        ),
      ),
    ),
    portRange: field(fc.oneof(fc.constant(null), fc.record({ min: field(port), max: field(port) }))),
    icmpParameters: field(fc.oneof(fc.constant(null), fc.record({ type: field(byte), code: field(byte) }))),
    ipRange: field(text),
    remoteSecurityGroupId: field(text),
    description: field(text),
    createdAt: anyValue,
  },
  { requiredKeys: [] },
);

describe('conformsToApiRule', () => {
  it(
    'agrees with the zod schema on every rule-like object',
    () => {
      const seen = { valid: 0, invalid: 0 };
      fc.assert(
        fc.property(ruleLike, (record) => {
          const valid = apiRuleSchema.safeParse(record).success;
          seen[valid ? 'valid' : 'invalid'] += 1;
          expect(conformsToApiRule(record)).toBe(valid);
        }),
        FC_PARAMETERS,
      );
      expect(seen.valid).toBeGreaterThan(FC_PARAMETERS.numRuns / 50);
      expect(seen.invalid).toBeGreaterThan(FC_PARAMETERS.numRuns / 50);
    },
    PROPERTY_TIMEOUT,
  );
});
