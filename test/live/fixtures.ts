import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EmulatorKeyFlow, EmulatorProject } from '../emulator/server.js';

/** A test RSA key pair in the encodings the key flow accepts. */
export interface TestKeyPair {
  /** PKCS#8 PEM. */
  pkcs8: string;
  /** PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`). */
  pkcs1: string;
  /** Public key for the emulator. */
  publicKey: KeyObject;
}

/** Generates a 2048-bit RSA key pair. */
export function makeKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    pkcs8: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    pkcs1: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicKey,
  };
}

/** The claims of the test service account. */
export const ACCOUNT = {
  kid: 'b1f4c3e2-0000-4000-8000-00000000beef',
  iss: 'sglint-test@sa.stackit.cloud',
  sub: '5d1e0f3a-1111-4111-8111-111111111111',
  aud: 'https://stackit-service-account-prod.apps.01.cf.eu01.stackit.cloud',
} as const;

/** Access token the emulator issues through the key flow. */
export const KEY_FLOW_TOKEN = 'issued-access-token-7f3a9c1e5b2d4a68';

/** Long-lived token accepted for the token flow. */
export const STATIC_TOKEN = 'static-sa-token-2c8e4b6a0d1f3e5a';

/** Key-flow settings of the emulator for `pair`. */
export function keyFlowFor(pair: TestKeyPair): EmulatorKeyFlow {
  return { ...ACCOUNT, publicKey: pair.publicKey, accessToken: KEY_FLOW_TOKEN };
}

/** A STACKIT service-account key document, as the portal downloads it. */
export function serviceAccountKey(
  privateKey: string | undefined,
  tokenEndpoint?: string,
): Record<string, unknown> {
  const credentials: Record<string, unknown> = { ...ACCOUNT };
  if (privateKey !== undefined) {
    credentials['privateKey'] = privateKey;
  }
  if (tokenEndpoint !== undefined) {
    credentials['tokenEndpoint'] = tokenEndpoint;
  }
  return {
    id: ACCOUNT.kid,
    publicKey: '-----BEGIN PUBLIC KEY-----\nunused\n-----END PUBLIC KEY-----',
    createdAt: '2025-01-01T00:00:00.000+00:00',
    keyType: 'USER_MANAGED',
    keyOrigin: 'GENERATED',
    keyAlgorithm: 'RSA_2048',
    active: true,
    credentials,
  };
}

/** A project with a default group, a web group, two NICs, a server and a public IP. */
export function sampleProject(seed: string): EmulatorProject {
  const sg = (n: number): string => `${seed}0000000-0000-4000-8000-00000000000${n}`;
  const nic = `${seed}2222222-0000-4000-8000-000000000001`;
  const network = `${seed}3333333-0000-4000-8000-000000000001`;
  const server = `${seed}4444444-0000-4000-8000-000000000001`;
  const rule = (n: number, fields: Record<string, unknown>): Record<string, unknown> => ({
    id: `${seed}1111111-0000-4000-8000-00000000000${n}`,
    ...fields,
  });
  return {
    securityGroups: [
      {
        id: sg(1), name: 'default', description: 'Default security group', labels: {},
        stateful: true, createdAt: '2024-09-26T09:33:04Z', updatedAt: '2024-09-26T09:33:04Z',
        rules: [
          rule(1, { securityGroupId: sg(1), direction: 'ingress', ethertype: 'IPv4',
            remoteSecurityGroupId: sg(1) }),
          rule(2, { securityGroupId: sg(1), direction: 'egress', ethertype: 'IPv4' }),
        ],
      },
      {
        id: sg(2), name: 'web', stateful: true,
        rules: [
          rule(3, { securityGroupId: sg(2), direction: 'ingress', ethertype: 'IPv4',
            protocol: { name: 'tcp', number: 6 }, portRange: { min: 22, max: 22 },
            ipRange: '0.0.0.0/0' }),
        ],
      },
    ],
    nics: [
      { id: nic, networkId: network, device: server, ipv4: '10.0.0.5', nicSecurity: true,
        securityGroups: [sg(1), sg(2)], mac: 'fa:16:3e:00:00:01', status: 'ACTIVE',
        type: 'server' },
    ],
    servers: [
      { id: server, name: `web-${seed}`, machineType: 'c1.2',
        nics: [{ nicId: nic, networkId: network, networkName: 'net',
          mac: 'fa:16:3e:00:00:01', nicSecurity: true, ipv4: '10.0.0.5', publicIp: '192.0.2.10',
          securityGroups: [sg(1), sg(2)] }] },
    ],
    publicIps: [
      { id: `${seed}5555555-0000-4000-8000-000000000001`, ip: '192.0.2.10', labels: {},
        networkInterface: nic },
    ],
  };
}

/** A fresh temporary directory and a function that removes it. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sglint-live-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `value` (JSON-encoded unless a string) to `dir/name` and returns the path. */
export async function writeIn(dir: string, name: string, value: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** HTTP options that keep retries fast and deterministic in tests. */
export const FAST_HTTP = {
  timeoutMs: 2000,
  maxAttempts: 4,
  baseDelayMs: 1,
  maxDelayMs: 20,
  random: () => 0,
} as const;
