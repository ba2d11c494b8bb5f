import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticate } from '../../src/live/auth.js';
import { fetchProjects, type FetchProjectsResult } from '../../src/live/client.js';
import { serializeSnapshot } from '../../src/live/snapshot.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import {
  FAST_HTTP,
  KEY_FLOW_TOKEN,
  STATIC_TOKEN,
  keyFlowFor,
  makeKeyPair,
  sampleProject,
  serviceAccountKey,
  tempDir,
  writeIn,
} from './fixtures.js';

const pair = makeKeyPair();
const ids = ['p-ok', 'p-401', 'p-403', 'p-404', 'p-429', 'p-500', 'p-json', 'p-cut', 'p-slow'];
let emulator: Emulator;

beforeAll(async () => {
  const projects = Object.fromEntries(ids.filter((id) => id !== 'p-404')
    .map((id) => [id, sampleProject('a')]));
  emulator = await startEmulator({ projects, keyFlow: keyFlowFor(pair) });
  emulator.setFault('/p-401/', { type: 'status', status: 401 });
  emulator.setFault('/p-403/', { type: 'status', status: 403 });
  emulator.setFault('/p-429/', { type: 'status', status: 429, retryAfter: '0' });
  emulator.setFault('/p-500/', { type: 'status', status: 500 });
  emulator.setFault('/p-json/', { type: 'invalid-json' });
  emulator.setFault('/p-cut/', { type: 'truncated' });
  emulator.setFault('/p-slow/', { type: 'slow', delayMs: 300 });
});
afterAll(async () => {
  await emulator.stop();
});

/** Every string a caller could print from a result, an error or an event. */
function texts(value: unknown): string[] {
  return [String(value), inspect(value, { depth: 10 }), JSON.stringify(value) ?? ''];
}

/** The base64 lines of a PEM, i.e. the key material itself. */
function pemBody(pem: string): string[] {
  return pem.split('\n').filter((line) => line.length === 64 && !line.startsWith('-----'));
}

describe('secrets never leave the live layer', () => {
  it('keeps tokens, private keys and the signed JWT out of every produced string', async () => {
    const { dir, cleanup } = await tempDir();
    const collected: string[] = [];
    try {
      const keyPath = await writeIn(dir, 'key.json', serviceAccountKey(pair.pkcs8));
      const env = { STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyPath,
        STACKIT_TOKEN_BASEURL: emulator.tokenUrl };
      const progress: unknown[] = [];
      const result: FetchProjectsResult = await fetchProjects({
        projectIds: ids,
        apiUrl: emulator.url,
        env,
        homeDir: dir,
        http: { ...FAST_HTTP, timeoutMs: 100, maxAttempts: 2 },
        onProgress: (event) => progress.push(event),
      });
      expect(result.snapshot.projects.map((p) => p.projectId)).toEqual(['p-ok']);
      expect(result.errors.map((e) => e.code)).toEqual(['unauthorized', 'forbidden',
        'not-found', 'rate-limited', 'server-error', 'invalid-response', 'invalid-response',
        'timeout']);
      collected.push(serializeSnapshot(result.snapshot), ...texts(result));
      for (const error of result.errors) {
        collected.push(error.message, error.stack ?? '', ...texts(error));
      }
      for (const event of progress) {
        collected.push(...texts(event));
      }
      expect(progress.length).toBeGreaterThan(ids.length);

      const auth = await authenticate({ env, homeDir: dir });
      expect(auth.token.reveal()).toBe(KEY_FLOW_TOKEN);
      collected.push(...texts(auth));

      const stranger = makeKeyPair();
      const rejectedEnv = { ...env, STACKIT_PRIVATE_KEY: stranger.pkcs8 };
      const rejected = await authenticate({ env: rejectedEnv, homeDir: dir })
        .then(() => undefined, (error: unknown) => error);
      expect((rejected as { code?: string }).code).toBe('token-rejected');
      collected.push(...texts(rejected), (rejected as Error).stack ?? '');

      const tokenResult = await fetchProjects({
        projectIds: ['p-401'], apiUrl: emulator.url, homeDir: dir, http: FAST_HTTP,
        env: { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN },
      });
      expect(tokenResult.errors.map((e) => e.code)).toEqual(['unauthorized']);
      collected.push(...texts(tokenResult), ...tokenResult.errors.map((e) => e.message));

      const pemAsKey = await authenticate({ env: { STACKIT_SERVICE_ACCOUNT_KEY: pair.pkcs8 } })
        .then(() => undefined, (error: unknown) => error);
      collected.push(...texts(pemAsKey));
    } finally {
      await cleanup();
    }

    const jwts = emulator.tokenExchanges.map((e) => e.form['assertion'] ?? '');
    expect(jwts.length).toBeGreaterThanOrEqual(3);
    const secrets = [KEY_FLOW_TOKEN, STATIC_TOKEN, ...pemBody(pair.pkcs8), ...jwts,
      ...jwts.map((jwt) => jwt.split('.')[2] ?? 'missing-signature')];
    const all = collected.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(15);
      expect(all.includes(secret), `leaked: ${secret.slice(0, 12)}…`).toBe(false);
    }
    expect(all).toContain('[redacted]');
  });
});
