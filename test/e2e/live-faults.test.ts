import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type Fault } from '../emulator/server.js';
import { KEY_FLOW_TOKEN, STATIC_TOKEN, keyFlowFor, makeKeyPair, sampleProject, serviceAccountKey } from '../live/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sglint.js');
const BASE = '/v2/projects/p-alpha/regions/eu01';
const pair = makeKeyPair();

let api: Emulator;
let dir: string;
let keyFile: string;

function run(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, SGLINT_RETRY_BASE_MS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  api = await startEmulator({
    projects: { 'p-alpha': sampleProject('a') },
    acceptedTokens: [STATIC_TOKEN],
    keyFlow: keyFlowFor(pair),
  });
  dir = await mkdtemp(path.join(tmpdir(), 'sglint-live-faults-'));
  keyFile = path.join(dir, 'sa-key.json');
  await writeFile(keyFile, JSON.stringify(serviceAccountKey(pair.pkcs8, api.tokenUrl)));
});

afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => api.clearFaults());

const FAULTS: { name: string; path: string; fault: Fault; message: string }[] = [
  {
    name: '401 on the group list',
    path: `${BASE}/security-groups`,
    fault: { type: 'status', status: 401 },
    message: 'Project p-alpha (region eu01): the IaaS API rejected the service-account key file',
  },
  {
    name: '403 on the NIC list',
    path: `${BASE}/nics`,
    fault: { type: 'status', status: 403 },
    message: 'needs the IAM permission "iaas.nic.list" on this project',
  },
  {
    name: '404 on the group list',
    path: `${BASE}/security-groups`,
    fault: { type: 'status', status: 404 },
    message: 'Project p-alpha or region eu01 not found (HTTP 404',
  },
  {
    name: '429 on every attempt',
    path: `${BASE}/servers`,
    fault: { type: 'status', status: 429, retryAfter: '0' },
    message: 'was rate limited (HTTP 429) on all 2 attempts',
  },
  {
    name: '500 on every attempt',
    path: `${BASE}/public-ips`,
    fault: { type: 'status', status: 500 },
    message: 'failed with HTTP 500 on all 2 attempts',
  },
  {
    name: 'a response slower than the timeout',
    path: `${BASE}/nics`,
    fault: { type: 'slow', delayMs: 2500 },
    message: 'timed out after 2 attempts',
  },
  {
    name: 'a truncated body',
    path: `${BASE}/security-groups`,
    fault: { type: 'truncated' },
    message: 'returned an incomplete body',
  },
  {
    name: 'a body that is not JSON',
    path: `${BASE}/nics`,
    fault: { type: 'invalid-json' },
    message: 'returned an invalid response: the body is not valid JSON',
  },
];

describe('sglint live faults', () => {
  it.each(FAULTS)('$name: documented message, exit 2, no secret, no snapshot', async ({ path: faultPath, fault, message }) => {
    api.setFault(faultPath, fault);
    const result = await run(
      ['live', '-p', 'p-alpha', '--timeout', '1', '--max-attempts', '2', '--save', 'snap.json', '-f', 'json'],
      { STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyFile, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
    for (const secret of [KEY_FLOW_TOKEN, pair.pkcs8.split('\n')[1] as string]) {
      expect(result.stderr).not.toContain(secret);
    }
    expect(await readdir(dir)).toEqual(['sa-key.json']);
  });

  it('retries a 429 that honours Retry-After and then succeeds', async () => {
    api.setFault(`${BASE}/security-groups`, { type: 'status', status: 429, retryAfter: '1' }, 1);
    const started = Date.now();
    const result = await run(['live', '-p', 'p-alpha', '-f', 'json'], {
      STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
      STACKIT_IAAS_CUSTOM_ENDPOINT: api.url,
    });
    expect(result.status).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(JSON.parse(result.stdout).summary.errors).toBe(1);
  });
});
