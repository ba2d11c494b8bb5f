import { AuthError } from './errors.js';
import {
  discoverCredentials,
  type CredentialSource,
  type DiscoveredCredentials,
  type DiscoveryOptions,
} from './credentials.js';
import type { HttpOptions } from './http.js';
import { DEFAULT_TOKEN_URL, exchangeKeyForToken } from './key-flow.js';
import type { Secret } from './secret.js';
import { loadRsaPrivateKey, parseServiceAccountKey } from './service-account-key.js';

export type { CredentialSource, CredentialVariable, Env } from './credentials.js';

/** Options of {@link authenticate}. */
export interface AuthOptions extends DiscoveryOptions {
  /** Token URL of the key flow; beats `STACKIT_TOKEN_BASEURL` and the key's `tokenEndpoint`. */
  tokenUrl?: string;
  /** HTTP timing and retries of the token exchange. */
  http?: HttpOptions;
}

/** An access token and, without any secret, the credential it came from. */
export interface AuthResult {
  /** Which credential was used (for messages such as a rejected token on HTTP 401). */
  source: CredentialSource;
  /** The bearer token; prints as `[redacted]`. */
  token: Secret;
}

/**
 * Finds credentials as the STACKIT SDKs do (see {@link discoverCredentials} for the order) and
 * returns a bearer token: the token itself for the token flow, or for a service-account key the
 * token obtained by the key flow. Rejects with {@link AuthError} on any failure.
 */
export async function authenticate(options: AuthOptions = {}): Promise<AuthResult> {
  const found = await discoverCredentials(options);
  if (found.flow === 'token') {
    return { source: found.source, token: found.token };
  }
  return { source: found.source, token: await runKeyFlow(found, options) };
}

/**
 * The key-flow token URL: option `tokenUrl`, else `STACKIT_TOKEN_BASEURL` (used as the full
 * URL), else the key's `credentials.tokenEndpoint`, else {@link DEFAULT_TOKEN_URL}.
 */
export function resolveTokenUrl(options: AuthOptions, keyTokenEndpoint?: string): string {
  const fromEnv = (options.env ?? process.env)['STACKIT_TOKEN_BASEURL']?.trim();
  const candidates: Array<[string | undefined, string]> = [
    [options.tokenUrl, 'the tokenUrl option'],
    [fromEnv, 'STACKIT_TOKEN_BASEURL'],
    [keyTokenEndpoint, 'credentials.tokenEndpoint of the service-account key'],
  ];
  for (const [value, name] of candidates) {
    if (value !== undefined && value !== '') {
      if (!URL.canParse(value)) {
        throw new AuthError('token-url-invalid', `The token URL in ${name} is not a valid URL.`);
      }
      return value;
    }
  }
  return DEFAULT_TOKEN_URL;
}

async function runKeyFlow(
  found: Extract<DiscoveredCredentials, { flow: 'key' }>,
  options: AuthOptions,
): Promise<Secret> {
  const origin = found.source.description;
  const key = parseServiceAccountKey(found.keyJson, origin);
  const override = found.privateKeyOverride;
  let privateKey;
  if (override !== undefined) {
    privateKey = loadRsaPrivateKey(override.pem, override.origin);
  } else if (key.privateKey !== undefined) {
    privateKey = loadRsaPrivateKey(key.privateKey, `credentials.privateKey of the ${origin}`);
  } else {
    throw new AuthError(
      'private-key-missing',
      `The ${origin} has no credentials.privateKey. Set STACKIT_PRIVATE_KEY_PATH to the PEM ` +
        'private key file of this key pair (or STACKIT_PRIVATE_KEY to its text).',
    );
  }
  const tokenUrl = resolveTokenUrl(options, key.tokenEndpoint);
  const input = { key, privateKey, tokenUrl, origin };
  const http = options.http;
  return exchangeKeyForToken(http === undefined ? input : { ...input, http });
}
