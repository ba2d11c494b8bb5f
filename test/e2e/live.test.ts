import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../emulator/server.js';
import {
  KEY_FLOW_TOKEN,
  STATIC_TOKEN,
  keyFlowFor,
  makeKeyPair,
  sampleProject,
  serviceAccountKey,
} from '../live/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/sglint.js');
const pair = makeKeyPair();

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, SGLINT_RETRY_BASE_MS: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function findingKeys(report: string): string[] {
  const parsed = JSON.parse(report) as { findings: { check: string; rule: { id: string } | null; message: string }[] };
  return parsed.findings.map((finding) => `${finding.check} ${finding.rule?.id ?? '-'} ${finding.message}`).sort();
}

const EXPECTED_KEYS = [
  'ingress-sensitive-port-world a1111111-0000-4000-8000-000000000003 tcp/22 (SSH) reachable from the world through 0.0.0.0/0',
  'missing-egress - group "default" has egress rules for IPv4 only: outbound IPv6 traffic is blocked',
];

const SPLIT = {
  securityGroups: [
    {
      id: 'c0000000-0000-4000-8000-000000000001', name: 'split-a', stateful: true,
      rules: [
        { id: 'c1000000-0000-4000-8000-000000000001', direction: 'ingress', ethertype: 'IPv4',
          protocol: { name: 'tcp', number: 6 }, portRange: { min: 22, max: 22 }, ipRange: '0.0.0.0/1' },
        { id: 'c1000000-0000-4000-8000-000000000002', direction: 'egress', ethertype: 'IPv4' },
        { id: 'c1000000-0000-4000-8000-000000000003', direction: 'egress', ethertype: 'IPv6' },
      ],
    },
    {
      id: 'c0000000-0000-4000-8000-000000000002', name: 'split-b', stateful: true,
      rules: [
        { id: 'c1000000-0000-4000-8000-000000000004', direction: 'ingress', ethertype: 'IPv4',
          protocol: { name: 'tcp', number: 6 }, portRange: { min: 22, max: 22 }, ipRange: '128.0.0.0/1' },
      ],
    },
    {
      id: 'c0000000-0000-4000-8000-000000000003', name: 'spare', stateful: true,
      rules: [
        { id: 'c1000000-0000-4000-8000-000000000005', direction: 'egress', ethertype: 'IPv4' },
        { id: 'c1000000-0000-4000-8000-000000000006', direction: 'egress', ethertype: 'IPv6' },
      ],
    },
  ],
  nics: [
    { id: 'c2000000-0000-4000-8000-000000000001', name: 'app-nic', networkId: 'c3000000-0000-4000-8000-000000000001',
      device: 'c4000000-0000-4000-8000-000000000001', nicSecurity: true, mac: 'fa:16:3e:00:00:02',
      securityGroups: ['c0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000002'] },
  ],
  servers: [
    { id: 'c4000000-0000-4000-8000-000000000001', name: 'app-1', machineType: 'c1.2' },
  ],
  publicIps: [],
};

let api: Emulator;
let dir: string;
let tokenEnv: Record<string, string>;

beforeAll(async () => {
  api = await startEmulator({
    projects: { 'p-alpha': sampleProject('a'), 'p-split': SPLIT },
    acceptedTokens: [STATIC_TOKEN],
    keyFlow: keyFlowFor(pair),
  });
  dir = await mkdtemp(path.join(tmpdir(), 'sglint-live-e2e-'));
  tokenEnv = { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url };
});

afterAll(async () => {
  await api.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('sglint live', () => {
  it('gives the same findings with a token, with a key file, and from the saved snapshot', async () => {
    const keyFile = path.join(dir, 'sa-key.json');
    await writeFile(keyFile, JSON.stringify(serviceAccountKey(pair.pkcs8, api.tokenUrl)));

    const byToken = await run(['live', '-p', 'p-alpha', '-f', 'json', '--save', 'snap.json'], tokenEnv, dir);
    // Only the run's summary line (standard error keeps JSON on standard output clean).
    expect(byToken.stderr).toMatch(/^sglint: \d+ errors?, \d+ warnings?, \d+ notes? in 1 file, \d+\.\d\ds\n$/);
    expect(byToken.status).toBe(1);

    const byKey = await run(
      ['live', '-p', 'p-alpha', '-f', 'json'],
      { STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyFile, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url },
      dir,
    );
    expect(byKey.status).toBe(1);
    expect(api.tokenExchanges.filter((exchange) => exchange.rejected === null)).toHaveLength(1);

    const fromFile = await run(['snap.json', '-f', 'json'], {}, dir);
    expect(fromFile.status).toBe(1);

    const keys = findingKeys(byToken.stdout);
    expect(keys).toEqual(EXPECTED_KEYS);
    expect(findingKeys(byKey.stdout)).toEqual(keys);
    expect(findingKeys(fromFile.stdout)).toEqual(keys);

    const saved = JSON.parse(fromFile.stdout) as { findings: { file: string; logical?: string }[] };
    expect(saved.findings.every((finding) => finding.file === 'snap.json')).toBe(true);
    expect(saved.findings.map((finding) => finding.logical)).toContain(
      'projects/p-alpha/regions/eu01/security-groups/a0000000-0000-4000-8000-000000000002/rules/a1111111-0000-4000-8000-000000000003',
    );
  });

  it('finds unused groups and exposure that only the union of two groups on a NIC opens, as the export does', async () => {
    const live = await run(['live', '-p', 'p-split', '-f', 'json'], tokenEnv, dir);
    expect(live.status).toBe(1);
    await writeFile(path.join(dir, 'groups.json'), JSON.stringify({ items: SPLIT.securityGroups }));
    await writeFile(path.join(dir, 'nics.json'), JSON.stringify({ items: SPLIT.nics }));
    await writeFile(path.join(dir, 'servers.json'), JSON.stringify({ items: SPLIT.servers }));
    const exported = await run(['groups.json', 'nics.json', 'servers.json', '-f', 'json'], {}, dir);
    expect(exported.status).toBe(1);

    const keys = findingKeys(live.stdout);
    expect(findingKeys(exported.stdout)).toEqual(keys);
    expect(keys).toContain('unused-group - group "spare" is attached to no network interface');
    expect(keys.filter((key) => key.startsWith('ingress-sensitive-port-world'))).toEqual([
      'ingress-sensitive-port-world - tcp/22 (SSH) reachable from the world on NIC "app-nic" of server "app-1" ' +
        'through the union of groups "split-a", "split-b"',
    ]);
  });

  it('keeps secrets out of every output and saves no snapshot when a project fails', async () => {
    const result = await run(
      ['live', '-p', 'p-alpha', '-p', 'p-missing', '-f', 'json', '--save', 'partial.json'],
      tokenEnv,
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Project p-missing or region eu01 not found (HTTP 404');
    expect(result.stderr).toContain('snapshot not saved to partial.json');
    expect(findingKeys(result.stdout).length).toBeGreaterThan(0);
    expect(await readdir(dir)).not.toContain('partial.json');
    for (const secret of [STATIC_TOKEN, KEY_FLOW_TOKEN, pair.pkcs8.split('\n')[1] as string]) {
      expect(result.stdout).not.toContain(secret);
      expect(result.stderr).not.toContain(secret);
    }
  });

  it('explains a rejected token with exit 2 and no stack trace', async () => {
    const result = await run(
      ['live', '-p', 'p-alpha'],
      { STACKIT_SERVICE_ACCOUNT_TOKEN: 'wrong-token', STACKIT_IAAS_CUSTOM_ENDPOINT: api.url },
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('rejected the access token in STACKIT_SERVICE_ACCOUNT_TOKEN (HTTP 401');
    expect(result.stderr).not.toContain('wrong-token');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('names --api-url when the endpoint given there is not a URL', async () => {
    const result = await run(
      ['live', '-p', 'p-alpha', '--api-url', 'not-a-url'],
      { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN },
      dir,
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('The IaaS endpoint "not-a-url" (from --api-url) is not a valid URL.');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('never writes a report or a snapshot over a credential file it may have read', async () => {
    const keyFile = path.join(dir, 'guarded-key.json');
    const keyText = JSON.stringify(serviceAccountKey(pair.pkcs8, api.tokenUrl));
    await writeFile(keyFile, keyText);
    const keyEnv = { STACKIT_SERVICE_ACCOUNT_KEY_PATH: keyFile, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url };
    const overKey = await run(['live', '-p', 'p-alpha', '-f', 'json', '-o', 'guarded-key.json'], keyEnv, dir);
    expect(overKey.status).toBe(2);
    expect(overKey.stderr).toContain('refusing to write the report over credentials file guarded-key.json');
    expect(await readFile(keyFile, 'utf8')).toBe(keyText);

    // The credentials file (STACKIT_CREDENTIALS_PATH) holds the token here.
    const credentials = path.join(dir, 'creds.json');
    const credentialsText = JSON.stringify({ STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN });
    await writeFile(credentials, credentialsText);
    const fileEnv = { STACKIT_CREDENTIALS_PATH: credentials, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url };
    const overCredentials = await run(['live', '-p', 'p-alpha', '-o', 'creds.json'], fileEnv, dir);
    expect(overCredentials.status).toBe(2);
    expect(overCredentials.stderr).toContain('refusing to write the report over credentials file creds.json');
    const saveOver = await run(['live', '-p', 'p-alpha', '--save', 'creds.json'], fileEnv, dir);
    expect(saveOver.status).toBe(2);
    expect(saveOver.stderr).toContain(
      `Refusing to write the snapshot to ${credentials}: it is a credentials file (${credentials}).`,
    );
    expect(await readFile(credentials, 'utf8')).toBe(credentialsText);
  });

  it('reads the snapshot file back byte for byte as saved', async () => {
    const text = await readFile(path.join(dir, 'snap.json'), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ kind: 'sglint-snapshot', version: 1 });
    expect(text.endsWith('\n')).toBe(true);
  });
});
