import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  fetchProjects,
  type FetchProjectsOptions,
  type FetchProjectsResult,
  type ProgressEvent,
} from '../../src/live/client.js';
import { ApiError, AuthError, ConfigError } from '../../src/live/errors.js';
import { serializeSnapshot } from '../../src/live/snapshot.js';
import { startEmulator, type Emulator, type EmulatorProject } from '../emulator/server.js';
import {
  FAST_HTTP,
  KEY_FLOW_TOKEN,
  STATIC_TOKEN,
  keyFlowFor,
  makeKeyPair,
  sampleProject,
  serviceAccountKey,
} from './fixtures.js';

const pair = makeKeyPair();
const projects: Record<string, EmulatorProject> = {
  'p-alpha': sampleProject('a'),
  'p-beta': sampleProject('b'),
  'p-gamma': sampleProject('c'),
};
let api: Emulator;
let noRules: Emulator;

beforeAll(async () => {
  const common = { projects, acceptedTokens: [STATIC_TOKEN], keyFlow: keyFlowFor(pair) };
  api = await startEmulator({ ...common, regions: ['eu01', 'eu02'] });
  noRules = await startEmulator({ ...common, omitRulesFromList: true });
});
afterAll(async () => {
  await api.stop();
  await noRules.stop();
});
beforeEach(() => {
  for (const emulator of [api, noRules]) {
    emulator.clearFaults();
    emulator.requests.length = 0;
  }
});

function run(
  projectIds: string[],
  extra: Partial<FetchProjectsOptions> = {},
  emulator: Emulator = api,
): Promise<FetchProjectsResult> {
  return fetchProjects({
    projectIds,
    apiUrl: emulator.url,
    env: { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN },
    homeDir: '/nonexistent-home',
    http: FAST_HTTP,
    ...extra,
  });
}

function expected(projectId: string, region = 'eu01') {
  const p = projects[projectId] as EmulatorProject;
  return {
    projectId,
    region,
    securityGroups: p.securityGroups,
    nics: p.nics,
    servers: p.servers,
    publicIps: p.publicIps,
  };
}

function paths(emulator: Emulator = api): string[] {
  return emulator.requests.map((r) => r.path);
}

function onlyError(result: FetchProjectsResult): ApiError {
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toBeInstanceOf(ApiError);
  return result.errors[0] as ApiError;
}

const BASE = '/v2/projects/p-alpha/regions/eu01';

describe('fetching', () => {
  it('builds the snapshot from the four list endpoints with the bearer token', async () => {
    const result = await fetchProjects({
      projectIds: ['p-alpha'],
      env: { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN, STACKIT_IAAS_CUSTOM_ENDPOINT: api.url },
      homeDir: '/nonexistent-home',
    });
    expect(result.errors).toEqual([]);
    expect(result.snapshot).toEqual({
      kind: 'sglint-snapshot',
      version: 1,
      projects: [expected('p-alpha')],
    });
    expect(paths()).toEqual([
      `${BASE}/security-groups`,
      `${BASE}/nics`,
      `${BASE}/servers?details=true`,
      `${BASE}/public-ips`,
    ]);
    expect(new Set(api.requests.map((r) => r.authorization))).toEqual(
      new Set([`Bearer ${STATIC_TOKEN}`]));
  });

  it('keeps server NIC details, which the API only sends with details=true', async () => {
    const result = await run(['p-alpha']);
    const server = result.snapshot.projects[0]?.servers[0];
    expect(server?.['nics']).toEqual(projects['p-alpha']?.servers?.[0]?.['nics']);
  });

  it('fetches rules from the rules endpoint when the list omits them', async () => {
    const result = await run(['p-alpha'], {}, noRules);
    expect(result.errors).toEqual([]);
    expect(result.snapshot.projects).toEqual([expected('p-alpha')]);
    expect(paths(noRules)).toEqual([
      `${BASE}/security-groups`,
      `${BASE}/security-groups/a0000000-0000-4000-8000-000000000001/rules`,
      `${BASE}/security-groups/a0000000-0000-4000-8000-000000000002/rules`,
      `${BASE}/nics`,
      `${BASE}/servers?details=true`,
      `${BASE}/public-ips`,
    ]);
  });

  it('takes the region from STACKIT_REGION unless the option names one', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN, STACKIT_REGION: 'eu02' };
    const fromEnv = await run(['p-alpha'], { env });
    expect(fromEnv.snapshot.projects[0]?.region).toBe('eu02');
    expect(paths()[0]).toBe('/v2/projects/p-alpha/regions/eu02/security-groups');
    api.requests.length = 0;
    const fromOption = await run(['p-alpha'], { env, region: 'eu01' });
    expect(fromOption.snapshot.projects[0]?.region).toBe('eu01');
    expect(paths()[0]).toBe(`${BASE}/security-groups`);
  });

  it('prefers the apiUrl option over STACKIT_IAAS_CUSTOM_ENDPOINT', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
      STACKIT_IAAS_CUSTOM_ENDPOINT: noRules.url,
    };
    const result = await run(['p-alpha'], { env });
    expect(result.errors).toEqual([]);
    expect([api.requests.length, noRules.requests.length]).toEqual([4, 0]);
  });

  it('runs the key flow first and then uses the issued token', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_KEY: JSON.stringify(serviceAccountKey(pair.pkcs8)),
      STACKIT_TOKEN_BASEURL: api.tokenUrl,
    };
    const result = await run(['p-alpha'], { env });
    expect(result.errors).toEqual([]);
    expect(paths()[0]).toBe('/token');
    expect(api.requests.slice(1).map((r) => r.authorization)).toEqual(
      Array(4).fill(`Bearer ${KEY_FLOW_TOKEN}`));
  });

  it('keeps the requested project order and reads duplicates once', async () => {
    const result = await run(['p-gamma', 'p-alpha', 'p-gamma', 'p-beta'], { concurrency: 3 });
    expect(result.snapshot.projects.map((p) => p.projectId)).toEqual(
      ['p-gamma', 'p-alpha', 'p-beta']);
    expect(api.requests).toHaveLength(12);
  });

  it('bounds the number of projects fetched at once', async () => {
    const many: Record<string, EmulatorProject> = {};
    for (let i = 0; i < 6; i += 1) {
      many[`p${i}`] = sampleProject(String(i));
    }
    const slow = await startEmulator({ projects: many, acceptedTokens: [STATIC_TOKEN] });
    try {
      slow.setFault('/v2/', { type: 'slow', delayMs: 40 });
      const ids = Object.keys(many);
      const two = await run(ids, { concurrency: 2 }, slow);
      expect([two.snapshot.projects.length, slow.maxInFlight()]).toEqual([6, 2]);
    } finally {
      await slow.stop();
    }
    const fresh = await startEmulator({ projects: many, acceptedTokens: [STATIC_TOKEN] });
    try {
      fresh.setFault('/v2/', { type: 'slow', delayMs: 40 });
      const result = await run(Object.keys(many), {}, fresh);
      expect([result.snapshot.projects.length, fresh.maxInFlight()]).toEqual([6, 4]);
    } finally {
      await fresh.stop();
    }
  });

  it('produces byte-identical snapshots for identical API state', async () => {
    const first = serializeSnapshot((await run(['p-alpha', 'p-beta'])).snapshot);
    const second = serializeSnapshot((await run(['p-alpha', 'p-beta'])).snapshot);
    expect(second).toBe(first);
    expect(first.endsWith('}\n')).toBe(true);
  });

  it('reports progress per project', async () => {
    const events: ProgressEvent[] = [];
    api.setFault(`${BASE}/nics`, { type: 'status', status: 500 }, 1);
    await run(['p-alpha'], { onProgress: (event) => events.push(event) });
    expect(events.map((e) => `${e.stage}|${e.message}`)).toEqual([
      'fetching|p-alpha (eu01): fetching security groups',
      'fetching|p-alpha (eu01): fetching NICs',
      `retrying|p-alpha (eu01): HTTP 500 on GET ${BASE}/nics, retrying in 1 ms`,
      'fetching|p-alpha (eu01): fetching servers',
      'fetching|p-alpha (eu01): fetching public IPs',
      'done|p-alpha (eu01): 2 security groups, 1 NIC, 1 server, 1 public IP',
    ]);
  });
});

describe('failures', () => {
  it('names the rejected credential source on 401', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_TOKEN: 'revoked-token' };
    const error = onlyError(await run(['p-alpha'], { env }));
    expect(error.code).toBe('unauthorized');
    expect(error.message).toBe('Project p-alpha (region eu01): the IaaS API rejected the access ' +
      `token in STACKIT_SERVICE_ACCOUNT_TOKEN (HTTP 401 on GET ${BASE}/security-groups). ` +
      'Check that it is valid and has not expired or been revoked.');
    expect(api.requests).toHaveLength(1);
  });

  it('names the missing IAM action on 403, per endpoint', async () => {
    const cases: Array<[RegExp, string, Emulator]> = [
      [/security-groups$/, 'iaas.security-group.list', api],
      [/rules$/, 'iaas.security-group.rule.list', noRules],
      [/nics$/, 'iaas.nic.list', api],
      [/servers\?details=true$/, 'iaas.server.list', api],
      [/public-ips$/, 'iaas.public-ip.list', api],
    ];
    const seen: string[] = [];
    for (const [pattern, action, emulator] of cases) {
      emulator.clearFaults();
      emulator.setFault(pattern, { type: 'status', status: 403 });
      const error = onlyError(await run(['p-alpha'], {}, emulator));
      expect(error.code).toBe('forbidden');
      expect(error.details.action).toBe(action);
      expect(error.message).toBe(`Project p-alpha (region eu01): permission denied (HTTP 403 on ` +
        `GET ${error.details.path}). The service account behind the access token in ` +
        `STACKIT_SERVICE_ACCOUNT_TOKEN needs the IAM permission "${action}" on this project.`);
      seen.push(error.details.path.slice(BASE.length));
    }
    expect(seen).toEqual([
      '/security-groups',
      '/security-groups/a0000000-0000-4000-8000-000000000001/rules',
      '/nics',
      '/servers?details=true',
      '/public-ips',
    ]);
  });

  it('names project and region on 404', async () => {
    const missing = onlyError(await run(['p-missing']));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe('Project p-missing or region eu01 not found (HTTP 404 on GET ' +
      '/v2/projects/p-missing/regions/eu01/security-groups). Check the project id and the ' +
      'region.');
    const region = onlyError(await run(['p-alpha'], { region: 'eu09' }));
    expect(region.message).toBe('Project p-alpha or region eu09 not found (HTTP 404 on GET ' +
      '/v2/projects/p-alpha/regions/eu09/security-groups). Check the project id and the region.');
  });

  it('rejects a body that is not JSON without retrying', async () => {
    api.setFault(`${BASE}/nics`, { type: 'invalid-json' });
    const error = onlyError(await run(['p-alpha']));
    expect(error.code).toBe('invalid-response');
    expect(error.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/nics returned an ` +
      'invalid response: the body is not valid JSON.');
    expect(paths().filter((p) => p.endsWith('/nics'))).toHaveLength(1);
  });

  it('rejects JSON of the wrong shape', async () => {
    api.setFault(`${BASE}/public-ips`, { type: 'body', status: 200, body: '{"items":{"a":1}}' });
    const error = onlyError(await run(['p-alpha']));
    expect(error.code).toBe('invalid-response');
    expect(error.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/public-ips returned ` +
      'an invalid response: unexpected JSON at items (Invalid input: expected array, ' +
      'received object).');
  });

  it('reports a truncated body after retrying it', async () => {
    api.setFault(`${BASE}/public-ips`, { type: 'truncated' });
    const error = onlyError(await run(['p-alpha']));
    expect(error.code).toBe('invalid-response');
    expect(error.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/public-ips returned ` +
      'an incomplete body (connection closed early) after 4 attempts.');
    expect(paths().filter((p) => p.endsWith('/public-ips'))).toHaveLength(4);
  });

  it('reports a timeout after N attempts', async () => {
    api.setFault(`${BASE}/servers`, { type: 'slow', delayMs: 500 });
    const http = { ...FAST_HTTP, timeoutMs: 80, maxAttempts: 2 };
    const error = onlyError(await run(['p-alpha'], { http }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/servers?details=true ` +
      'timed out after 2 attempts (80 ms each).');
    expect(paths().filter((p) => p.includes('/servers'))).toHaveLength(2);
  });

  it('reports exhausted 429 and 5xx retries', async () => {
    api.setFault(`${BASE}/security-groups`, { type: 'status', status: 429, retryAfter: '0' });
    const limited = onlyError(await run(['p-alpha']));
    expect(limited.code).toBe('rate-limited');
    expect(limited.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/security-groups ` +
      'was rate limited (HTTP 429) on all 4 attempts. Try again later.');
    api.clearFaults();
    api.setFault(`${BASE}/nics`, { type: 'status', status: 500 });
    const broken = onlyError(await run(['p-alpha']));
    expect([broken.code, broken.details.status, broken.details.attempts]).toEqual(
      ['server-error', 500, 4]);
    expect(broken.message).toBe(`Project p-alpha (region eu01): GET ${BASE}/nics failed with ` +
      'HTTP 500 on all 4 attempts (IaaS API server error).');
    expect(api.requests).toHaveLength(4 + 1 + 4);
  });

  it('quotes the API message of other client errors', async () => {
    api.setFault(`${BASE}/nics`, { type: 'status', status: 409 });
    const error = onlyError(await run(['p-alpha']));
    expect([error.code, error.message]).toEqual(['http-error', 'Project p-alpha (region eu01): ' +
      `GET ${BASE}/nics failed with HTTP 409: Conflict.`]);
  });

  it('returns the healthy projects when another one fails', async () => {
    api.setFault('/v2/projects/p-beta/regions/eu01/nics', { type: 'status', status: 403 });
    const result = await run(['p-beta', 'p-alpha', 'p-nowhere', 'p-gamma']);
    expect(result.snapshot.projects).toEqual([expected('p-alpha'), expected('p-gamma')]);
    expect(result.errors.map((e) => [e.code, (e as ApiError).details.projectId])).toEqual([
      ['forbidden', 'p-beta'],
      ['not-found', 'p-nowhere'],
    ]);
  });

  it('returns the auth error and sends nothing when no credentials exist', async () => {
    const result = await run(['p-alpha'], { env: {} });
    expect(result.snapshot).toEqual({ kind: 'sglint-snapshot', version: 1, projects: [] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(AuthError);
    expect(result.errors[0]?.code).toBe('no-credentials');
    expect(api.requests).toHaveLength(0);
  });

  it('reports an endpoint that is not a URL', async () => {
    const env = {
      STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN,
      STACKIT_IAAS_CUSTOM_ENDPOINT: 'iaas',
    };
    const result = await fetchProjects({ projectIds: ['p-alpha'], env });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(ConfigError);
    expect(result.errors[0]?.message).toBe(
      'The IaaS endpoint "iaas" (from STACKIT_IAAS_CUSTOM_ENDPOINT) is not a valid URL.');
  });

  it('names the option an invalid endpoint came from', async () => {
    const env = { STACKIT_SERVICE_ACCOUNT_TOKEN: STATIC_TOKEN };
    const plain = await fetchProjects({ projectIds: ['p-alpha'], env, apiUrl: 'not-a-url' });
    expect(plain.errors[0]?.message).toBe('The IaaS endpoint "not-a-url" (from apiUrl) is not a valid URL.');
    const flagged = await fetchProjects({
      projectIds: ['p-alpha'], env, apiUrl: 'not-a-url', apiUrlSource: '--api-url',
    });
    expect(flagged.errors[0]?.message).toBe('The IaaS endpoint "not-a-url" (from --api-url) is not a valid URL.');
  });
});
