import { verify, type KeyObject } from 'node:crypto';

/** What the emulator's token endpoint expects in a key-flow assertion. */
export interface KeyFlowExpectation {
  /** Public half of the test's RSA key pair. */
  publicKey: KeyObject;
  /** Expected header `kid`. */
  kid: string;
  /** Expected claim `iss`. */
  iss: string;
  /** Expected claim `sub`. */
  sub: string;
  /** Expected claim `aud`. */
  aud: string;
}

/** A decoded assertion as the token endpoint saw it. */
export interface DecodedAssertion {
  /** JOSE header. */
  header: Record<string, unknown>;
  /** JWT claims. */
  claims: Record<string, unknown>;
}

/** Outcome of {@link verifyAssertion}. */
export type AssertionCheck =
  | ({ ok: true } & DecodedAssertion)
  | { ok: false; reason: string; decoded?: DecodedAssertion };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Checks an RS512 key-flow JWT: signature against `expected.publicKey`, header `alg`/`kid`,
 * claims `iss`, `sub`, `aud`, a UUID `jti`, `iat` not in the future and `exp` still ahead.
 */
export function verifyAssertion(
  jwt: string,
  expected: KeyFlowExpectation,
  nowSeconds: number,
): AssertionCheck {
  const parts = jwt.split('.');
  if (parts.length !== 3) {
    return { ok: false, reason: 'assertion is not a compact JWS' };
  }
  const [head = '', body = '', signature = ''] = parts;
  let decoded: DecodedAssertion;
  try {
    decoded = { header: decodeSegment(head), claims: decodeSegment(body) };
  } catch {
    return { ok: false, reason: 'assertion segments are not base64url JSON' };
  }
  const fail = (reason: string): AssertionCheck => ({ ok: false, reason, decoded });
  const { header, claims } = decoded;
  if (header['alg'] !== 'RS512') {
    return fail('alg must be RS512');
  }
  if (header['kid'] !== expected.kid) {
    return fail('unknown kid');
  }
  const signed = Buffer.from(`${head}.${body}`);
  if (!verify('sha512', signed, expected.publicKey, Buffer.from(signature, 'base64url'))) {
    return fail('bad signature');
  }
  for (const claim of ['iss', 'sub', 'aud'] as const) {
    if (claims[claim] !== expected[claim]) {
      return fail(`wrong ${claim}`);
    }
  }
  if (typeof claims['jti'] !== 'string' || !UUID.test(claims['jti'])) {
    return fail('jti must be a UUID');
  }
  const iat = claims['iat'];
  const exp = claims['exp'];
  if (typeof iat !== 'number' || iat > nowSeconds + 60) {
    return fail('iat missing or in the future');
  }
  if (typeof exp !== 'number' || exp <= nowSeconds) {
    return fail('assertion expired');
  }
  return { ok: true, header, claims };
}

function decodeSegment(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('segment is not a JSON object');
  }
  return value as Record<string, unknown>;
}
