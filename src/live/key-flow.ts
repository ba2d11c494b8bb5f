import { randomUUID, type KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { AuthError } from './errors.js';
import {
  describeTransportFailure,
  request,
  TransportFailure,
  type HttpOptions,
} from './http.js';
import { Secret } from './secret.js';
import type { ServiceAccountKey } from './service-account-key.js';

/** Default STACKIT token URL of the key flow. */
export const DEFAULT_TOKEN_URL = 'https://service-account.api.stackit.cloud/token';

/** Lifetime of the self-signed assertion, as the Python SDK uses it. */
export const ASSERTION_LIFETIME_SECONDS = 600;

const tokenResponseSchema = z.looseObject({ access_token: z.string().min(1) });

/** Input of {@link exchangeKeyForToken}. */
export interface KeyFlowInput {
  /** Claims and `kid` of the service-account key. */
  key: ServiceAccountKey;
  /** The RSA private key that signs the assertion. */
  privateKey: KeyObject;
  /** Full token URL to POST to. */
  tokenUrl: string;
  /** Describes the credential in messages, e.g. `service-account key in STACKIT_...`. */
  origin: string;
  /** HTTP timing and retries. */
  http?: HttpOptions;
  /** Current time in seconds (default the clock); tests pin it. */
  nowSeconds?: () => number;
}

/**
 * Signs the RS512 key-flow assertion: header `kid` (and `typ` JWT), claims `iss`, `sub`, `aud`,
 * a random UUID `jti`, `iat` = now and `exp` = now + 600 s.
 */
export async function signAssertion(
  key: ServiceAccountKey,
  privateKey: KeyObject,
  nowSeconds: number,
): Promise<Secret> {
  const jwt = await new SignJWT({})
    .setProtectedHeader({ alg: 'RS512', kid: key.kid, typ: 'JWT' })
    .setIssuer(key.iss)
    .setSubject(key.sub)
    .setAudience(key.aud)
    .setJti(randomUUID())
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_SECONDS)
    .sign(privateKey);
  return new Secret(jwt);
}

/**
 * Exchanges a signed assertion for an access token: POST form
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=<jwt>` to the token URL
 * and read `access_token` from the JSON answer.
 */
export async function exchangeKeyForToken(input: KeyFlowInput): Promise<Secret> {
  const now = input.nowSeconds?.() ?? Math.floor(Date.now() / 1000);
  const assertion = await signAssertion(input.key, input.privateKey, now);
  const body = new URLSearchParams({
    grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
    assertion: assertion.reveal(),
  }).toString();
  const where = `the token endpoint ${input.tokenUrl}`;
  let response;
  try {
    response = await request(
      {
        method: 'POST',
        url: input.tokenUrl,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
      },
      input.http,
    );
  } catch (error) {
    if (error instanceof TransportFailure) {
      throw new AuthError(
        'token-endpoint-failed',
        `Could not get an access token from ${where} for the ${input.origin}: ` +
          `${describeTransportFailure(error)}.`,
      );
    }
    throw error;
  }
  return readToken(response.status, response.body, response.attempts, where, input.origin);
}

function readToken(
  status: number,
  body: string,
  attempts: number,
  where: string,
  origin: string,
): Secret {
  if (status === 400 || status === 401 || status === 403) {
    throw new AuthError(
      'token-rejected',
      `${capitalise(where)} rejected the ${origin} (HTTP ${status}). Check that the key is ` +
        'active, not expired, and matches its private key.',
    );
  }
  if (status < 200 || status > 299) {
    throw new AuthError(
      'token-endpoint-failed',
      `Could not get an access token from ${where} for the ${origin}: ` +
        `HTTP ${status} after ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    json = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    throw new AuthError(
      'token-response-invalid',
      `${capitalise(where)} answered without an access_token in a JSON body.`,
    );
  }
  return new Secret(parsed.data.access_token);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
