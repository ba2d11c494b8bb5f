import { z } from 'zod';
import {
  errorForStatus,
  errorForTransport,
  invalidResponse,
  type RequestContext,
} from './api-errors.js';
import { authenticate, type AuthResult, type Env } from './auth.js';
import {
  NICS,
  PUBLIC_IPS,
  SECURITY_GROUPS,
  SERVERS,
  securityGroupRules,
  type Endpoint,
} from './endpoints.js';
import { ConfigError, LiveError } from './errors.js';
import { request, TransportFailure, type HttpOptions } from './http.js';
import { mapWithConcurrency } from './pool.js';
import type { ApiObject, ProjectSnapshot, Snapshot } from './snapshot.js';

/** Default IaaS API endpoint (API v2 is served from one global host). */
export const DEFAULT_IAAS_URL = 'https://iaas.api.stackit.cloud';

/** Region used when neither the option nor `STACKIT_REGION` names one. */
export const DEFAULT_REGION = 'eu01';

/** Projects fetched at the same time when `concurrency` is not given. */
export const DEFAULT_CONCURRENCY = 4;

/** A progress line the CLI may print on a TTY; it never contains secrets. */
export interface ProgressEvent {
  /** The project the event is about. */
  projectId: string;
  /** Its region. */
  region: string;
  /** `fetching` a list, `retrying` after a failed attempt, or the project is `done`/`failed`. */
  stage: 'fetching' | 'retrying' | 'done' | 'failed';
  /** One human-readable line, e.g. `p1 (eu01): fetching NICs`. */
  message: string;
}

/** Options of {@link fetchProjects}. */
export interface FetchProjectsOptions {
  /** Projects to read; duplicates are read once. */
  projectIds: readonly string[];
  /** Region; default `STACKIT_REGION`, else `eu01`. */
  region?: string;
  /** IaaS endpoint; default `STACKIT_IAAS_CUSTOM_ENDPOINT`, else {@link DEFAULT_IAAS_URL}. */
  apiUrl?: string;
  /** Where `apiUrl` came from, named in its error message (default `apiUrl`; the CLI says `--api-url`). */
  apiUrlSource?: string;
  /** Environment for credentials and defaults (default `process.env`). */
  env?: Env;
  /** Home directory for `~/.stackit/credentials.json` (default `os.homedir()`). */
  homeDir?: string;
  /** Ready credentials; when absent {@link authenticate} runs first. */
  credentials?: AuthResult;
  /** Key-flow token URL override (see `resolveTokenUrl`). */
  tokenUrl?: string;
  /** Projects fetched at the same time (default 4). */
  concurrency?: number;
  /** HTTP timing and retries for every request, the token exchange included. */
  http?: HttpOptions;
  /** Receives progress events. */
  onProgress?: (event: ProgressEvent) => void;
}

/** What {@link fetchProjects} returns: the fetched projects and every failure. */
export interface FetchProjectsResult {
  /** Snapshot of the projects that were fetched completely. */
  snapshot: Snapshot;
  /** One error per failed project, or a single auth/config error when nothing could start. */
  errors: LiveError[];
}

const objectSchema = z.looseObject({});
const groupSchema = z.looseObject({
  id: z.string().optional(),
  rules: z.array(objectSchema).nullish(),
});

/**
 * Reads security groups (with rules), NICs, servers (with details) and public IPs of each project
 * from the IaaS API v2, at most `concurrency` projects at a time. A failing project is reported
 * in `errors` and does not stop the others. Expected failures never reject.
 */
export async function fetchProjects(options: FetchProjectsOptions): Promise<FetchProjectsResult> {
  const env = options.env ?? process.env;
  const region = pick(options.region, env['STACKIT_REGION']) ?? DEFAULT_REGION;
  const apiUrl = pick(options.apiUrl, env['STACKIT_IAAS_CUSTOM_ENDPOINT']) ?? DEFAULT_IAAS_URL;
  const snapshot: Snapshot = { kind: 'sglint-snapshot', version: 1, projects: [] };
  if (!URL.canParse(apiUrl)) {
    const from = pick(options.apiUrl) === undefined ? 'STACKIT_IAAS_CUSTOM_ENDPOINT' : (options.apiUrlSource ?? 'apiUrl');
    const message = `The IaaS endpoint "${apiUrl}" (from ${from}) is not a valid URL.`;
    return { snapshot, errors: [new ConfigError('invalid-endpoint', message)] };
  }
  let credentials = options.credentials;
  if (credentials === undefined) {
    try {
      credentials = await authenticate({ ...options, env });
    } catch (error) {
      if (error instanceof LiveError) {
        return { snapshot, errors: [error] };
      }
      throw error;
    }
  }
  const auth = credentials;
  const ids = [...new Set(options.projectIds)];
  const results = await mapWithConcurrency(
    ids,
    options.concurrency ?? DEFAULT_CONCURRENCY,
    (projectId) => fetchProject({ projectId, region, apiUrl, auth, options }),
  );
  const errors: LiveError[] = [];
  for (const result of results) {
    if (result instanceof LiveError) {
      errors.push(result);
    } else {
      snapshot.projects.push(result);
    }
  }
  return { snapshot, errors };
}

interface ProjectJob {
  projectId: string;
  region: string;
  apiUrl: string;
  auth: AuthResult;
  options: FetchProjectsOptions;
}

async function fetchProject(job: ProjectJob): Promise<ProjectSnapshot | LiveError> {
  const { projectId, region } = job;
  const emit: Emit = (stage, text) => {
    const message = `${projectId} (${region}): ${text}`;
    job.options.onProgress?.({ projectId, region, stage, message });
  };
  try {
    const groups = await list(job, SECURITY_GROUPS, groupSchema, emit);
    const securityGroups: ApiObject[] = [];
    for (const group of groups) {
      securityGroups.push(await withRules(job, group, emit));
    }
    const project: ProjectSnapshot = {
      projectId,
      region,
      securityGroups,
      nics: await list(job, NICS, objectSchema, emit),
      servers: await list(job, SERVERS, objectSchema, emit),
      publicIps: await list(job, PUBLIC_IPS, objectSchema, emit),
    };
    emit('done', summary(project));
    return project;
  } catch (error) {
    if (error instanceof LiveError) {
      emit('failed', `failed (${error.code})`);
      return error;
    }
    throw error;
  }
}

type Emit = (stage: ProgressEvent['stage'], text: string) => void;

async function withRules(job: ProjectJob, group: ApiObject, emit: Emit): Promise<ApiObject> {
  if (Array.isArray(group['rules'])) {
    return group;
  }
  const id = group['id'];
  if (typeof id !== 'string' || id === '') {
    throw invalidResponse(context(job, SECURITY_GROUPS), 'a security group without rules ' +
      'has no id, so its rules cannot be listed', 200, 1);
  }
  const rules = await list(job, securityGroupRules(id), objectSchema, emit);
  return { ...group, rules };
}

/** GETs a list endpoint and returns its `items` exactly as the API sent them. */
async function list(
  job: ProjectJob,
  endpoint: Endpoint,
  itemSchema: z.ZodType,
  emit: Emit,
): Promise<ApiObject[]> {
  const ctx = context(job, endpoint);
  emit('fetching', `fetching ${endpoint.label}`);
  const http: HttpOptions = {
    ...job.options.http,
    onRetry: (info) => {
      job.options.http?.onRetry?.(info);
      const wait = info.delayMs < 1000
        ? `${info.delayMs} ms`
        : `${(info.delayMs / 1000).toFixed(1)} s`;
      emit('retrying', `${info.reason} on GET ${ctx.path}, retrying in ${wait}`);
    },
  };
  let response;
  try {
    response = await request({
      method: 'GET',
      url: `${new URL(job.apiUrl).origin}${ctx.path}`,
      headers: { authorization: `Bearer ${job.auth.token.reveal()}`, accept: 'application/json' },
    }, http);
  } catch (error) {
    if (error instanceof TransportFailure) {
      throw errorForTransport(ctx, error);
    }
    throw error;
  }
  if (response.status !== 200) {
    throw errorForStatus(ctx, response.status, response.body, response.attempts);
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    throw invalidResponse(ctx, 'the body is not valid JSON', response.status, response.attempts);
  }
  const parsed = z.object({ items: z.array(itemSchema) }).safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? 'the body'
      : issue.path.join('.');
    throw invalidResponse(ctx, `unexpected JSON at ${where} (${issue?.message ?? 'invalid'})`,
      response.status, response.attempts);
  }
  return (json as { items: ApiObject[] }).items;
}

function context(job: ProjectJob, endpoint: Endpoint): RequestContext {
  const base = new URL(job.apiUrl).pathname.replace(/\/+$/, '');
  const path = `${base}/v2/projects/${encodeURIComponent(job.projectId)}/regions/` +
    `${encodeURIComponent(job.region)}/${endpoint.path}`;
  return {
    projectId: job.projectId,
    region: job.region,
    path,
    action: endpoint.action,
    source: job.auth.source,
  };
}

function summary(project: ProjectSnapshot): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  return [
    count(project.securityGroups.length, 'security group', 'security groups'),
    count(project.nics.length, 'NIC', 'NICs'),
    count(project.servers.length, 'server', 'servers'),
    count(project.publicIps.length, 'public IP', 'public IPs'),
  ].join(', ');
}

function pick(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined && value.trim() !== '')?.trim();
}
