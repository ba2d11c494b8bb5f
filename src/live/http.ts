import { setTimeout as delay } from 'node:timers/promises';

/** Timing and retry settings of {@link request}; every field is optional. */
export interface HttpOptions {
  /** Time limit of one attempt, from sending until the whole body has arrived (default 30000). */
  timeoutMs?: number;
  /** Attempts per request, the first one included (default 4). */
  maxAttempts?: number;
  /** Backoff before the second attempt; it doubles for each later one (default 500). */
  baseDelayMs?: number;
  /** Upper bound of any wait between attempts, `Retry-After` included (default 30000). */
  maxDelayMs?: number;
  /** Source of jitter in [0, 1) (default `Math.random`). */
  random?: () => number;
  /** Waits between attempts (default a timer); tests inject one to record the delays. */
  sleep?: (ms: number) => Promise<void>;
  /** Current time in ms, used to read `Retry-After` dates (default `Date.now`). */
  now?: () => number;
  /** Called before each wait between attempts. */
  onRetry?: (info: RetryInfo) => void;
}

/** Why and for how long the HTTP layer waits before its next attempt. */
export interface RetryInfo {
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** Wait before the next attempt. */
  delayMs: number;
  /** `HTTP 429`, `HTTP 503`, `timeout`, `truncated body` or a network error code. */
  reason: string;
}

/** The defaults used for options left out of {@link HttpOptions}. */
export const HTTP_DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
} as const;

/** One HTTP request; the body is sent as given. */
export interface HttpRequest {
  /** HTTP method. */
  method: 'GET' | 'POST';
  /** Absolute URL. */
  url: string;
  /** Request headers. */
  headers?: Record<string, string>;
  /** Request body. */
  body?: string;
}

/** A complete response; 429 and 5xx arrive here only after the last attempt. */
export interface HttpResponse {
  /** HTTP status code. */
  status: number;
  /** The whole body as text. */
  body: string;
  /** Attempts made, this one included. */
  attempts: number;
}

/** How an attempt failed without a complete response. */
export type TransportFailureKind = 'timeout' | 'network' | 'truncated';

/** Thrown by {@link request} when the last attempt got no complete response. */
export class TransportFailure extends Error {
  /** What went wrong on the last attempt. */
  readonly kind: TransportFailureKind;
  /** Attempts made. */
  readonly attempts: number;
  /** Per-attempt time limit that applied. */
  readonly timeoutMs: number;
  /** Short description: `timeout`, `truncated body` or a network error code. */
  readonly reason: string;

  /** Creates a transport failure. */
  constructor(kind: TransportFailureKind, reason: string, attempts: number, timeoutMs: number) {
    super(`${reason} after ${attempts} attempts`);
    this.name = 'TransportFailure';
    this.kind = kind;
    this.reason = reason;
    this.attempts = attempts;
    this.timeoutMs = timeoutMs;
  }
}

type Attempt =
  | { ok: true; status: number; body: string; retryAfter: string | null }
  | { ok: false; kind: TransportFailureKind; reason: string };

/** Sends `req`, retrying 429, 5xx, timeouts and network errors with backoff and jitter. */
export async function request(req: HttpRequest, options: HttpOptions = {}): Promise<HttpResponse> {
  const timeoutMs = options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs;
  const maxAttempts = Math.max(1, options.maxAttempts ?? HTTP_DEFAULTS.maxAttempts);
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  for (let attempt = 1; ; attempt += 1) {
    const result = await attemptOnce(req, timeoutMs);
    const retryable = result.ok ? isRetryableStatus(result.status) : true;
    if (!retryable || attempt >= maxAttempts) {
      if (result.ok) {
        return { status: result.status, body: result.body, attempts: attempt };
      }
      throw new TransportFailure(result.kind, result.reason, attempt, timeoutMs);
    }
    const retryAfter = result.ok ? result.retryAfter : null;
    const delayMs = retryDelayMs(attempt, retryAfter, options);
    const reason = result.ok ? `HTTP ${result.status}` : result.reason;
    options.onRetry?.({ attempt, delayMs, reason });
    await sleep(delayMs);
  }
}

/** Describes a transport failure, e.g. `timed out after 4 attempts (100 ms each)`. */
export function describeTransportFailure(failure: TransportFailure): string {
  const n = `${failure.attempts} ${failure.attempts === 1 ? 'attempt' : 'attempts'}`;
  switch (failure.kind) {
    case 'timeout':
      return `timed out after ${n} (${failure.timeoutMs} ms each)`;
    case 'truncated':
      return `returned an incomplete body (connection closed early) after ${n}`;
    case 'network':
      return failure.reason === UNNAMED_NETWORK_ERROR
        ? `failed with a network error after ${n}`
        : `failed with a network error (${failure.reason}) after ${n}`;
  }
}

/** True for statuses worth retrying: 429 and every 5xx. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Wait after failed attempt `attempt` (1-based): the `Retry-After` value when the server sent
 * a usable one, else `baseDelayMs * 2^(attempt-1)` scaled by a jitter factor in [0.5, 1).
 * Both are capped at `maxDelayMs`.
 */
export function retryDelayMs(
  attempt: number,
  retryAfter: string | null,
  options: HttpOptions = {},
): number {
  const maxDelayMs = options.maxDelayMs ?? HTTP_DEFAULTS.maxDelayMs;
  const fromHeader = parseRetryAfter(retryAfter, (options.now ?? Date.now)());
  if (fromHeader !== undefined) {
    return Math.min(fromHeader, maxDelayMs);
  }
  const base = options.baseDelayMs ?? HTTP_DEFAULTS.baseDelayMs;
  const ceiling = Math.min(maxDelayMs, base * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** Reads `Retry-After` as delta seconds or an HTTP date; undefined when absent or unusable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) {
    return undefined;
  }
  const text = value.trim();
  if (/^\d+$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  if (Number.isNaN(date)) {
    return undefined;
  }
  return Math.max(0, date - nowMs);
}

async function attemptOnce(req: HttpRequest, timeoutMs: number): Promise<Attempt> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  let status: number | undefined;
  try {
    const response = await fetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal: controller.signal,
      redirect: 'error',
    });
    status = response.status;
    const body = await response.text();
    return { ok: true, status, body, retryAfter: response.headers.get('retry-after') };
  } catch (error) {
    if (timedOut) {
      return { ok: false, kind: 'timeout', reason: 'timeout' };
    }
    if (status !== undefined) {
      return { ok: false, kind: 'truncated', reason: 'truncated body' };
    }
    return { ok: false, kind: 'network', reason: networkReason(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** The error code of a failed `fetch` (e.g. `ECONNREFUSED`), never its free text. */
function networkReason(error: unknown): string {
  const cause: unknown = error instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]*$/.test(code)) {
    return code;
  }
  return UNNAMED_NETWORK_ERROR;
}

/** The reason of a network failure that came without an error code. */
const UNNAMED_NETWORK_ERROR = 'network error';
