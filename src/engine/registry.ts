/**
 * The built-in checks, in catalog order (DESIGN §2).
 */
import duplicateRule from '../../rules/duplicate-rule.js';
import ethertypeMismatch from '../../rules/ethertype-mismatch.js';
import ingressAllPortsWorld from '../../rules/ingress-all-ports-world.js';
import ingressBroadPublicRange from '../../rules/ingress-broad-public-range.js';
import ingressSensitivePortWorld from '../../rules/ingress-sensitive-port-world.js';
import ingressWorld from '../../rules/ingress-world.js';
import invalidRule from '../../rules/invalid-rule.js';
import missingDescription from '../../rules/missing-description.js';
import missingEgress from '../../rules/missing-egress.js';
import nicSecurityDisabled from '../../rules/nic-security-disabled.js';
import nonCanonicalCidr from '../../rules/non-canonical-cidr.js';
import redundantRule from '../../rules/redundant-rule.js';
import statelessMissingReturn from '../../rules/stateless-missing-return.js';
import unknownRemoteGroup from '../../rules/unknown-remote-group.js';
import unusedGroup from '../../rules/unused-group.js';
import type { Check } from './check.js';

export const BUILTIN_CHECKS: readonly Check<unknown>[] = [
  ingressSensitivePortWorld,
  ingressAllPortsWorld,
  ingressWorld,
  ingressBroadPublicRange,
  duplicateRule,
  redundantRule,
  missingEgress,
  statelessMissingReturn,
  unknownRemoteGroup,
  ethertypeMismatch,
  nonCanonicalCidr,
  invalidRule,
  missingDescription,
  unusedGroup,
  nicSecurityDisabled,
] as Check<unknown>[];

export function findCheck(id: string, checks: readonly Check<unknown>[] = BUILTIN_CHECKS): Check<unknown> | undefined {
  return checks.find((check) => check.id === id);
}
