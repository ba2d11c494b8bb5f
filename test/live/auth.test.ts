import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { authenticate, type AuthResult } from '../../src/live/auth.js';
import { discoverCredentials } from '../../src/live/credentials.js';
import { AuthError } from '../../src/live/errors.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import {
  ACCOUNT,
  FAST_HTTP,
  KEY_FLOW_TOKEN,
  STATIC_TOKEN,
  keyFlowFor,
  makeKeyPair,
  serviceAccountKey,
  tempDir,
  writeIn,
} from './fixtures.js';

const pair = makeKeyPair();
let emulator: Emulator;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  emulator = await startEmulator({ projects: {}, keyFlow: keyFlowFor(pair) });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  emulator.requests.length = 0;
  emulator.tokenExchanges.length = 0;
  emulator.clearFaults();
});
afterEach(async () => {
  await cleanup();
});

async function rejection(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(AuthError);
  return error as AuthError;
}

function tokenOf(result: AuthResult): string {
  return result.token.reveal();
}

describe('key flow', () => {
  it('signs an RS512 assertion from a key file, exchanged at STACKIT_TOKEN_BASEURL', async () => {
    const keyPath = await writeIn(dir, 'sa-key.json', serviceAccountKey(pair.pkcs8));
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyPath,
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    const result = await authenticate({ env, homeDir: dir, http: FAST_HTTP });
    expect(tokenOf(result)).toBe(KEY_FLOW_TOKEN);
    expect(result.source).toEqual({
      flow: 'key',
      variable: 'STACKIT_SERVICE_ACCOUNT_KEY_PATH',
      origin: 'environment',
      keyFile: keyPath,
      description: `service-account key file ${keyPath} (STACKIT_SERVICE_ACCOUNT_KEY_PATH)`,
    });
    expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /token']);
    const [exchange] = emulator.tokenExchanges;
    expect(exchange?.rejected).toBeNull();
    expect(exchange?.form['grant_type']).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(exchange?.assertion?.header).toEqual({ alg: 'RS512', kid: ACCOUNT.kid, typ: 'JWT' });
    const claims = exchange?.assertion?.claims ?? {};
    expect(claims['iss']).toBe('sglint-test@sa.stackit.cloud');
    expect(claims['sub']).toBe('5d1e0f3a-1111-4111-8111-111111111111');
    expect(claims['aud']).toBe(ACCOUNT.aud);
    expect(ACCOUNT.aud).toBe(
      'https://stackit-service-account-prod.apps.01.cf.eu01.stackit.cloud');
    expect(Number(claims['exp']) - Number(claims['iat'])).toBe(600);
    expect(Math.abs(Number(claims['iat']) - Date.now() / 1000)).toBeLessThan(30);
    expect(String(claims['jti'])).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-/);
  });

  it('uses a fresh jti for every exchange', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(pair.pkcs8)),
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    await authenticate({ env, homeDir: dir });
    await authenticate({ env, homeDir: dir });
    const jtis = emulator.tokenExchanges.map((e) => e.assertion?.claims['jti']);
    expect(jtis).toHaveLength(2);
    expect(jtis[0]).not.toBe(jtis[1]);
  });

  it('takes an inline key whose private key comes from STACKIT_PRIVATE_KEY (PKCS#1)', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(undefined)),
      STACKIT_PRIVATE_KEY: pair.pkcs1,
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    const result = await authenticate({ env, homeDir: dir });
    expect(tokenOf(result)).toBe(KEY_FLOW_TOKEN);
    expect(result.source.description).toBe('service-account key in STACKIT_SERVICE_ACCOUNT_KEY');
    expect(emulator.tokenExchanges.map((e) => e.rejected)).toEqual([null]);
  });

  it('lets STACKIT_PRIVATE_KEY_PATH override the key\'s own privateKey', async () => {
    const other = makeKeyPair();
    const keyPath = await writeIn(dir, 'k.json', serviceAccountKey(other.pkcs8));
    const pemPath = await writeIn(dir, 'private.pem', pair.pkcs8);
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyPath,
      STACKIT_PRIVATE_KEY_PATH: pemPath,
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    expect(tokenOf(await authenticate({ env, homeDir: dir }))).toBe(KEY_FLOW_TOKEN);
  });

  it('reads the key path and private key path from the credentials file', async () => {
    const keyPath = await writeIn(dir, 'k.json', serviceAccountKey(undefined));
    const pemPath = await writeIn(dir, 'private.pem', pair.pkcs8);
    const credentialsPath = await writeIn(dir, 'creds.json', {
      STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyPath,
      STACKIT_PRIVATE_KEY_PATH: pemPath,
    });
    const env = {
      STACKIT_CREDENTIALS_PATH: credentialsPath,
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    const result = await authenticate({ env, homeDir: dir });
    expect(tokenOf(result)).toBe(KEY_FLOW_TOKEN);
    expect(result.source).toEqual({
      flow: 'key',
      variable: 'STACKIT_SERVICE_ACCOUNT_KEY_PATH',
      origin: 'credentials-file',
      credentialsFile: credentialsPath,
      keyFile: keyPath,
      description: `service-account key file ${keyPath} ` +
        `(STACKIT_SERVICE_ACCOUNT_KEY_PATH in ${credentialsPath})`,
    });
  });

  it('reads an inline key from ~/.stackit/credentials.json', async () => {
    await mkdir(join(dir, '.stackit'));
    const file = await writeIn(join(dir, '.stackit'), 'credentials.json', {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(pair.pkcs8)),
    });
    const env = { STACKIT_TOKEN_BASEURL: emulator.tokenUrl };
    const result = await authenticate({ env, homeDir: dir });
    expect(tokenOf(result)).toBe(KEY_FLOW_TOKEN);
    expect(result.source.description).toBe(
      `service-account key in STACKIT_SERVICE_ACCOUNT_KEY in ${file}`);
  });

  it('posts to the key\'s credentials.tokenEndpoint without STACKIT_TOKEN_BASEURL', async () => {
    const key = serviceAccountKey(pair.pkcs8, emulator.tokenUrl);
    const env = { STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(key) };
    expect(tokenOf(await authenticate({ env, homeDir: dir }))).toBe(KEY_FLOW_TOKEN);
    expect(emulator.requests.map((r) => r.path)).toEqual(['/token']);
  });

  it('lets STACKIT_TOKEN_BASEURL (a full URL) override the key\'s tokenEndpoint', async () => {
    const key = serviceAccountKey(pair.pkcs8, `${emulator.url}/wrong-endpoint`);
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(key),
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    expect(tokenOf(await authenticate({ env, homeDir: dir }))).toBe(KEY_FLOW_TOKEN);
    expect(emulator.requests.map((r) => r.path)).toEqual(['/token']);
  });

  it('reports a rejected assertion (key not matching the registered public key)', async () => {
    const stranger = makeKeyPair();
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(stranger.pkcs8)),
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    const error = await rejection(authenticate({ env, homeDir: dir, http: FAST_HTTP }));
    expect(error.code).toBe('token-rejected');
    expect(error.message).toBe(`The token endpoint ${emulator.tokenUrl} rejected the ` +
      'service-account key in STACKIT_SERVICE_ACCOUNT_KEY (HTTP 400). Check that the key is ' +
      'active, not expired, and matches its private key.');
    expect(emulator.tokenExchanges.map((e) => e.rejected)).toEqual(['bad signature']);
  });

  it('retries a failing token endpoint and then reports it', async () => {
    emulator.setFault('/token', { type: 'status', status: 503 });
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(pair.pkcs8)),
      STACKIT_TOKEN_BASEURL: emulator.tokenUrl,
    };
    const error = await rejection(authenticate({ env, homeDir: dir, http: FAST_HTTP }));
    expect(error.code).toBe('token-endpoint-failed');
    expect(error.message).toBe(`Could not get an access token from the token endpoint ` +
      `${emulator.tokenUrl} for the service-account key in STACKIT_SERVICE_ACCOUNT_KEY: ` +
      'HTTP 503 after 4 attempts.');
    expect(emulator.requests).toHaveLength(4);
  });

  it('refuses a token URL that is not a URL', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(pair.pkcs8)),
      STACKIT_TOKEN_BASEURL: 'service-account.api.stackit.cloud/token',
    };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('token-url-invalid');
    expect(error.message).toBe('The token URL in STACKIT_TOKEN_BASEURL is not a valid URL.');
  });
});

describe('token flow', () => {
  it('returns STACKIT_SERVICE_ACCOUNT_TOKEN without any request', async () => {
    const result = await authenticate({ env: { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN },
      homeDir: dir });
    expect(tokenOf(result)).toBe(STATIC_TOKEN);
    expect(result.source).toEqual({
      flow: 'token',
      variable: 'STACKIT_SERVICE_ACCOUNT_TOKEN',
      origin: 'environment',
      description: 'access token in STACKIT_SERVICE_ACCOUNT_TOKEN',
    });
    expect(emulator.requests).toHaveLength(0);
  });

  it('reads the token from the credentials file', async () => {
    const file = await writeIn(dir, 'c.json', { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN });
    const result = await authenticate({ env: { STACKIT_CREDENTIALS_PATH: file } });
    expect(tokenOf(result)).toBe(STATIC_TOKEN);
    expect(result.source.description).toBe(
      `access token in STACKIT_SERVICE_ACCOUNT_TOKEN in ${file}`);
  });
});

describe('precedence', () => {
  const keyJson = JSON.stringify(serviceAccountKey('unused'));

  it('prefers the key path over the inline key over the token', async () => {
    const keyPath = await writeIn(dir, 'k.json', keyJson);
    const all = {
      STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyPath,
      STACKIT_SERVICE_ACCOUNT_KEY: keyJson,
      STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
    };
    const variable = async (env: Record<string, string>): Promise<string> =>
      (await discoverCredentials({ env, homeDir: dir })).source.variable;
    expect(await variable(all)).toBe('STACKIT_SERVICE_ACCOUNT_KEY_PATH');
    const { STACKIT_SERVICE_ACCOUNT_KEY_PATH: _path, ...inlineAndToken } = all;
    expect(await variable(inlineAndToken)).toBe('STACKIT_SERVICE_ACCOUNT_KEY');
    const { STACKIT_SERVICE_ACCOUNT_KEY: _key, ...tokenOnly } = inlineAndToken;
    expect(await variable(tokenOnly)).toBe('STACKIT_SERVICE_ACCOUNT_TOKEN');
  });

  it('prefers an environment token over a key in the credentials file', async () => {
    const file = await writeIn(dir, 'c.json', { STACKIT_SERVICE_ACCOUNT_KEY: keyJson });
    const env = { STACKIT_CREDENTIALS_PATH: file, STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN };
    const found = await discoverCredentials({ env });
    expect([found.flow, found.source.origin]).toEqual(['token', 'environment']);
    const fileOnly = await discoverCredentials({ env: { STACKIT_CREDENTIALS_PATH: file } });
    expect([fileOnly.flow, fileOnly.source.origin]).toEqual(['key', 'credentials-file']);
  });

  it('prefers a key over a token inside the credentials file, and ignores empty values',
    async () => {
      const file = await writeIn(dir, 'c.json', {
        STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
        STACKIT_SERVICE_ACCOUNT_KEY: keyJson,
      });
      const env = { STACKIT_CREDENTIALS_PATH: file, STACKIT_SERVICE_ACCOUNT_KEY_PATH: '' };
      const found = await discoverCredentials({ env });
      expect(found.source.variable).toBe('STACKIT_SERVICE_ACCOUNT_KEY');
      expect(found.source.origin).toBe('credentials-file');
    });
});

describe('credential errors', () => {
  it('says where it looked when nothing is configured', async () => {
    const error = await rejection(authenticate({ env: {}, homeDir: dir }));
    expect(error.code).toBe('no-credentials');
    expect(error.message).toBe('No STACKIT credentials found. Set ' +
      'STACKIT_SERVICE_ACCOUNT_KEY_PATH to a service-account key file (or ' +
      'STACKIT_SERVICE_ACCOUNT_KEY to its JSON), or set STACKIT_SERVICE_ACCOUNT_TOKEN, or put ' +
      `one of them in ${join(dir, '.stackit', 'credentials.json')}.`);
  });

  it('hints that a PEM was given where the key JSON belongs', async () => {
    const pemPath = await writeIn(dir, 'private.pem', pair.pkcs8);
    const env = { STACKIT_SERVICE_ACCOUNT_KEY_PATH: pemPath };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('key-is-pem');
    expect(error.message).toBe(`The service-account key file ${pemPath} ` +
      '(STACKIT_SERVICE_ACCOUNT_KEY_PATH) holds a PEM private key, not a service-account key. ' +
      'The service-account key is the JSON document created in the STACKIT portal; give the ' +
      'PEM private key through STACKIT_PRIVATE_KEY_PATH or STACKIT_PRIVATE_KEY instead.');
  });

  it('rejects key text that is not JSON without quoting it', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_KEY: '{"credentials": s3cr3t-fragment' };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('key-not-json');
    expect(error.message).toBe('The service-account key in STACKIT_SERVICE_ACCOUNT_KEY is not ' +
      'valid JSON; expected the service-account key JSON created in the STACKIT portal.');
  });

  it('names the missing key fields', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify({ credentials: { kid: 'k' } }) };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('key-invalid');
    expect(error.message).toBe('The service-account key in STACKIT_SERVICE_ACCOUNT_KEY is not ' +
      'a valid service-account key: missing or invalid credentials.iss, credentials.sub, ' +
      'credentials.aud.');
  });

  it('asks for a private key when the key has none', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(undefined)) };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('private-key-missing');
    expect(error.message).toBe('The service-account key in STACKIT_SERVICE_ACCOUNT_KEY has no ' +
      'credentials.privateKey. Set STACKIT_PRIVATE_KEY_PATH to the PEM private key file of ' +
      'this key pair (or STACKIT_PRIVATE_KEY to its text).');
  });

  it('rejects a private key that is not an RSA PEM', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(undefined)),
      STACKIT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----',
    };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('private-key-invalid');
    expect(error.message).toBe('The private key in STACKIT_PRIVATE_KEY is not an RSA private ' +
      'key in PEM format (PKCS#1 or PKCS#8).');
  });

  it('reports a missing key file', async () => {
    const missing = join(dir, 'absent.json');
    const env = { STACKIT_SERVICE_ACCOUNT_KEY_PATH: missing };
    const error = await rejection(authenticate({ env, homeDir: dir }));
    expect(error.code).toBe('key-unreadable');
    expect(error.message).toBe(`Cannot read the service-account key file ${missing} ` +
      '(STACKIT_SERVICE_ACCOUNT_KEY_PATH): file not found (ENOENT).');
  });

  it('reports a credentials file that is not JSON or has non-string values', async () => {
    const broken = await writeIn(dir, 'broken.json', '{ STACKIT_SERVICE_ACCOUNT_TOKEN: x');
    const first = await rejection(authenticate({ env: { STACKIT_CREDENTIALS_PATH: broken } }));
    expect(first.code).toBe('credentials-file-invalid');
    expect(first.message).toBe(`The credentials file ${broken} is not valid JSON; expected a ` +
      'flat object whose keys are STACKIT_* variable names.');
    const typed = await writeIn(dir, 'typed.json', { STACKIT_SERVICE_ACCOUNT_TOKEN: 42 });
    const second = await rejection(authenticate({ env: { STACKIT_CREDENTIALS_PATH: typed } }));
    expect(second.message).toBe(`The credentials file ${typed} is not valid: expected string ` +
      'values for STACKIT_SERVICE_ACCOUNT_TOKEN.');
  });
});
