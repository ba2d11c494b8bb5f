import { createPrivateKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AuthError } from './errors.js';
import { Secret } from './secret.js';

const keySchema = z.looseObject({
  credentials: z.looseObject({
    kid: z.string().min(1),
    iss: z.string().min(1),
    sub: z.string().min(1),
    aud: z.string().min(1),
    privateKey: z.string().optional(),
    tokenEndpoint: z.string().optional(),
  }),
});

/** The parts of a STACKIT service-account key JSON the key flow needs. */
export interface ServiceAccountKey {
  /** JWT header `kid`. */
  kid: string;
  /** JWT claim `iss` (the service-account e-mail). */
  iss: string;
  /** JWT claim `sub` (the service-account id). */
  sub: string;
  /** JWT claim `aud`. */
  aud: string;
  /** The PEM in `credentials.privateKey`, when STACKIT generated the key pair. */
  privateKey?: Secret;
  /** `credentials.tokenEndpoint`, when the key names its own token URL. */
  tokenEndpoint?: string;
}

/**
 * Parses service-account key JSON. `origin` names where the text came from (for messages).
 * A PEM given instead of the JSON fails with a hint; no message quotes the input.
 */
export function parseServiceAccountKey(text: Secret, origin: string): ServiceAccountKey {
  const raw = text.reveal().trim();
  if (raw.startsWith('-----BEGIN')) {
    throw new AuthError(
      'key-is-pem',
      `The ${origin} holds a PEM private key, not a service-account key. ` +
        'The service-account key is the JSON document created in the STACKIT portal; give ' +
        'the PEM private key through STACKIT_PRIVATE_KEY_PATH or STACKIT_PRIVATE_KEY instead.',
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AuthError(
      'key-not-json',
      `The ${origin} is not valid JSON; expected the service-account key JSON ` +
        'created in the STACKIT portal.',
    );
  }
  const parsed = keySchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    throw new AuthError(
      'key-invalid',
      `The ${origin} is not a valid service-account key: missing or invalid ` +
        `${fields.join(', ')}.`,
    );
  }
  const c = parsed.data.credentials;
  const key: ServiceAccountKey = { kid: c.kid, iss: c.iss, sub: c.sub, aud: c.aud };
  if (c.privateKey !== undefined && c.privateKey.trim() !== '') {
    key.privateKey = new Secret(c.privateKey);
  }
  if (c.tokenEndpoint !== undefined && c.tokenEndpoint.trim() !== '') {
    key.tokenEndpoint = c.tokenEndpoint.trim();
  }
  return key;
}

/** Loads an RSA private key from PEM (PKCS#1 or PKCS#8); `origin` names it in messages. */
export function loadRsaPrivateKey(pem: Secret, origin: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem.reveal(), format: 'pem' });
  } catch {
    throw invalidPrivateKey(origin);
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw invalidPrivateKey(origin);
  }
  return key;
}

function invalidPrivateKey(origin: string): AuthError {
  return new AuthError(
    'private-key-invalid',
    `The ${origin} is not an RSA private key in PEM format (PKCS#1 or PKCS#8).`,
  );
}
