import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyAssertion, type DecodedAssertion, type KeyFlowExpectation } from './assertion.js';

/** An API object as the emulator serves it. */
export type ApiObject = Record<string, unknown>;

/** The resources of one emulated project. */
export interface EmulatorProject {
  /** SecurityGroup objects, each with its `rules`. */
  securityGroups: ApiObject[];
  /** NIC objects. */
  nics?: ApiObject[];
  /** Server objects with `nics`; the emulator drops `nics` unless `details=true`. */
  servers?: ApiObject[];
  /** PublicIp objects. */
  publicIps?: ApiObject[];
}

/** Key-flow settings of the token endpoint. */
export interface EmulatorKeyFlow extends KeyFlowExpectation {
  /** Access token handed out for a valid assertion (and accepted by the API). */
  accessToken: string;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Projects by id. */
  projects: Record<string, EmulatorProject>;
  /** Regions that exist (default `['eu01']`). */
  regions?: string[];
  /** Serve the group list without `rules`, so clients must call the rules endpoint. */
  omitRulesFromList?: boolean;
  /** Bearer tokens the API accepts. */
  acceptedTokens?: string[];
  /** Enables `POST /token` (the key flow). */
  keyFlow?: EmulatorKeyFlow;
}

/** A misbehaviour injected for requests whose path matches a pattern. */
export type Fault =
  | { type: 'status'; status: number; retryAfter?: string }
  | { type: 'slow'; delayMs: number }
  | { type: 'truncated' }
  | { type: 'invalid-json' }
  | { type: 'body'; status: number; body: string }
  | { type: 'reset' };

/** One request the emulator received. */
export interface RequestLogEntry {
  /** HTTP method. */
  method: string;
  /** Path with query. */
  path: string;
  /** The Authorization header, or null. */
  authorization: string | null;
  /** The injected fault, if one applied. */
  fault?: Fault['type'];
}

/** One key-flow exchange the token endpoint handled. */
export interface TokenExchange {
  /** The raw form fields. */
  form: Record<string, string>;
  /** The decoded assertion, when it could be decoded. */
  assertion?: DecodedAssertion;
  /** Why it was refused, or null when a token was issued. */
  rejected: string | null;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Full key-flow token URL. */
  tokenUrl: string;
  /** Every request received, in arrival order. */
  requests: RequestLogEntry[];
  /** Every token exchange, in arrival order. */
  tokenExchanges: TokenExchange[];
  /** Applies `fault` to the next `count` requests whose path matches (default: all of them). */
  setFault(pattern: string | RegExp, fault: Fault, count?: number): void;
  /** Removes every fault. */
  clearFaults(): void;
  /** Highest number of requests that were in flight at the same time. */
  maxInFlight(): number;
  /** Closes the server and every connection. */
  stop(): Promise<void>;
}

interface ActiveFault {
  pattern: string | RegExp;
  fault: Fault;
  remaining: number;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'internal server error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

const PREFIX = String.raw`^/v2/projects/([^/]+)/regions/([^/]+)/`;
const LIST = new RegExp(`${PREFIX}(security-groups|nics|servers|public-ips)$`);
const RULES = new RegExp(`${PREFIX}security-groups/([^/]+)/rules$`);

/** Starts the STACKIT IaaS API v2 emulator on 127.0.0.1 with a random port. */
export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const requests: RequestLogEntry[] = [];
  const tokenExchanges: TokenExchange[] = [];
  let faults: ActiveFault[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxInFlight = 0;
  const accepted = new Set(options.acceptedTokens ?? []);
  if (options.keyFlow !== undefined) {
    accepted.add(options.keyFlow.accessToken);
  }

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '/';
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path,
      authorization: req.headers.authorization ?? null,
    };
    requests.push(entry);
    const body = await readBody(req);
    const fault = takeFault(faults, path);
    if (fault !== undefined) {
      entry.fault = fault.type;
      if (fault.type !== 'slow') {
        applyFault(fault, req, res);
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, fault.delayMs);
        timers.add(timer);
      });
      if (res.destroyed) {
        return;
      }
    }
    if (path === '/token') {
      answerToken(options.keyFlow, body, tokenExchanges, req, res);
      return;
    }
    answerApi(options, accepted, req, res);
  };

  const server = createServer((req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight -= 1;
    });
    res.on('error', () => undefined);
    handle(req, res).catch(() => {
      if (!res.headersSent) {
        sendJson(res, 500, { code: 500, msg: 'internal server error' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    tokenUrl: `${url}/token`,
    requests,
    tokenExchanges,
    setFault(pattern, fault, count = Number.POSITIVE_INFINITY) {
      faults.push({ pattern, fault, remaining: count });
    },
    clearFaults() {
      faults = [];
    },
    maxInFlight: () => maxInFlight,
    async stop() {
      for (const timer of timers) {
        clearTimeout(timer);
      }
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

function takeFault(faults: ActiveFault[], path: string): Fault | undefined {
  const active = faults.find((candidate) => candidate.remaining > 0 &&
    (typeof candidate.pattern === 'string'
      ? path.includes(candidate.pattern)
      : candidate.pattern.test(path)));
  if (active === undefined) {
    return undefined;
  }
  active.remaining -= 1;
  return active.fault;
}

function applyFault(fault: Fault, req: IncomingMessage, res: ServerResponse): void {
  switch (fault.type) {
    case 'status': {
      const headers: Record<string, string> = {};
      if (fault.retryAfter !== undefined) {
        headers['retry-after'] = fault.retryAfter;
      }
      const msg = STATUS_TEXT[fault.status] ?? 'error';
      sendJson(res, fault.status, { code: fault.status, msg }, headers);
      return;
    }
    case 'truncated': {
      const partial = '{"items":[{"id":"cut';
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': String(partial.length + 200),
      });
      res.write(partial, () => req.socket.destroy());
      return;
    }
    case 'invalid-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"items":[{"id":');
      return;
    case 'body':
      res.writeHead(fault.status, { 'content-type': 'application/json' });
      res.end(fault.body);
      return;
    case 'reset':
      req.socket.destroy();
      return;
    case 'slow':
      return;
  }
}

function answerApi(
  options: EmulatorOptions,
  accepted: Set<string>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const list = LIST.exec(url.pathname);
  const rules = RULES.exec(url.pathname);
  const match = list ?? rules;
  if (match === null) {
    sendJson(res, 404, { code: 404, msg: 'Not Found' });
    return;
  }
  if (req.method !== 'GET') {
    sendJson(res, 405, { code: 405, msg: 'Method Not Allowed' });
    return;
  }
  const auth = req.headers.authorization ?? '';
  if (!auth.startsWith('Bearer ') || !accepted.has(auth.slice('Bearer '.length))) {
    sendJson(res, 401, { code: 401, msg: 'Unauthorized' });
    return;
  }
  const projectId = decodeURIComponent(match[1] ?? '');
  const region = decodeURIComponent(match[2] ?? '');
  const project = options.projects[projectId];
  if (project === undefined || !(options.regions ?? ['eu01']).includes(region)) {
    sendJson(res, 404, { code: 404, msg: 'Not Found' });
    return;
  }
  if (rules !== null) {
    const id = decodeURIComponent(rules[3] ?? '');
    const group = project.securityGroups.find((candidate) => candidate['id'] === id);
    if (group === undefined) {
      sendJson(res, 404, { code: 404, msg: 'Not Found' });
      return;
    }
    sendJson(res, 200, { items: group['rules'] ?? [] });
    return;
  }
  sendJson(res, 200, { items: listItems(options, project, list?.[3], url) });
}

function listItems(
  options: EmulatorOptions,
  project: EmulatorProject,
  kind: string | undefined,
  url: URL,
): ApiObject[] {
  switch (kind) {
    case 'security-groups':
      return options.omitRulesFromList === true
        ? project.securityGroups.map(({ rules: _rules, ...group }) => group)
        : project.securityGroups;
    case 'nics':
      return project.nics ?? [];
    case 'servers':
      return url.searchParams.get('details') === 'true'
        ? (project.servers ?? [])
        : (project.servers ?? []).map(({ nics: _nics, ...server }) => server);
    default:
      return project.publicIps ?? [];
  }
}

function answerToken(
  keyFlow: EmulatorKeyFlow | undefined,
  body: string,
  log: TokenExchange[],
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const form = Object.fromEntries(new URLSearchParams(body));
  const exchange: TokenExchange = { form, rejected: null };
  log.push(exchange);
  const reject = (reason: string): void => {
    exchange.rejected = reason;
    sendJson(res, 400, { error: 'invalid_grant', error_description: reason });
  };
  if (keyFlow === undefined || req.method !== 'POST') {
    sendJson(res, 404, { code: 404, msg: 'Not Found' });
    return;
  }
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    reject('content type must be application/x-www-form-urlencoded');
    return;
  }
  if (form['grant_type'] !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    reject('unsupported grant_type');
    return;
  }
  const check = verifyAssertion(form['assertion'] ?? '', keyFlow, Math.floor(Date.now() / 1000));
  if (check.ok) {
    exchange.assertion = { header: check.header, claims: check.claims };
  } else if (check.decoded !== undefined) {
    exchange.assertion = check.decoded;
  }
  if (!check.ok) {
    reject(check.reason);
    return;
  }
  const token = { access_token: keyFlow.accessToken, expires_in: 3600, token_type: 'Bearer' };
  sendJson(res, 200, token);
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed || res.headersSent) {
    return;
  }
  const text = JSON.stringify(value);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
