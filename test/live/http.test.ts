import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  describeTransportFailure,
  parseRetryAfter,
  request,
  retryDelayMs,
  TransportFailure,
  type HttpOptions,
  type HttpResponse,
} from '../../src/live/http.js';
import { startEmulator, type Emulator } from '../emulator/server.js';
import { STATIC_TOKEN, sampleProject } from './fixtures.js';

let emulator: Emulator;
const PATH = '/v2/projects/p1/regions/eu01/nics';

beforeAll(async () => {
  emulator = await startEmulator({
    projects: { p1: sampleProject('a') },
    acceptedTokens: [STATIC_TOKEN],
  });
});
afterAll(async () => {
  await emulator.stop();
});
beforeEach(() => {
  emulator.clearFaults();
  emulator.requests.length = 0;
});

/** Options whose waits are recorded instead of slept. */
function recording(extra: HttpOptions = {}): { options: HttpOptions; waits: number[] } {
  const waits: number[] = [];
  const options: HttpOptions = {
    timeoutMs: 2000,
    baseDelayMs: 100,
    maxDelayMs: 10_000,
    random: () => 0,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  };
  return { options, waits };
}

async function get(options: HttpOptions): Promise<HttpResponse> {
  return request({
    method: 'GET',
    url: `${emulator.url}${PATH}`,
    headers: { authorization: `Bearer ${STATIC_TOKEN}` },
  }, options);
}

async function failure(options: HttpOptions): Promise<TransportFailure> {
  const error = await get(options).then(() => undefined, (reason: unknown) => reason);
  expect(error).toBeInstanceOf(TransportFailure);
  return error as TransportFailure;
}

describe('retries', () => {
  it('retries 500 and returns the first success', async () => {
    emulator.setFault(PATH, { type: 'status', status: 500 }, 2);
    const { options, waits } = recording();
    const response = await get(options);
    expect(response.status).toBe(200);
    expect(response.attempts).toBe(3);
    expect(JSON.parse(response.body).items).toHaveLength(1);
    expect(emulator.requests).toHaveLength(3);
    expect(waits).toEqual([50, 100]);
  });

  it('stops after maxAttempts and hands back the last 5xx', async () => {
    emulator.setFault(PATH, { type: 'status', status: 503 });
    const { options, waits } = recording();
    const response = await get(options);
    expect([response.status, response.attempts]).toEqual([503, 4]);
    expect(emulator.requests).toHaveLength(4);
    expect(waits).toEqual([50, 100, 200]);
    emulator.requests.length = 0;
    const two = await get(recording({ maxAttempts: 2 }).options);
    expect([two.status, two.attempts, emulator.requests.length]).toEqual([503, 2, 2]);
  });

  it('does not retry other 4xx answers', async () => {
    emulator.setFault(PATH, { type: 'status', status: 404 });
    const response = await get(recording().options);
    expect([response.status, response.attempts, emulator.requests.length]).toEqual([404, 1, 1]);
  });

  it('waits for Retry-After seconds on 429, in real time', async () => {
    emulator.setFault(PATH, { type: 'status', status: 429, retryAfter: '1' }, 1);
    const delays: number[] = [];
    const started = Date.now();
    const response = await get({
      baseDelayMs: 1,
      maxDelayMs: 5000,
      onRetry: (info) => delays.push(info.delayMs),
    });
    const elapsed = Date.now() - started;
    expect([response.status, response.attempts]).toEqual([200, 2]);
    expect(delays).toEqual([1000]);
    expect(elapsed).toBeGreaterThanOrEqual(990);
    expect(elapsed).toBeLessThan(4000);
  });

  it('caps a long Retry-After at maxDelayMs', async () => {
    emulator.setFault(PATH, { type: 'status', status: 429, retryAfter: '120' }, 2);
    const { options, waits } = recording({ maxDelayMs: 30 });
    const response = await get(options);
    expect([response.status, response.attempts]).toEqual([200, 3]);
    expect(waits).toEqual([30, 30]);
  });

  it('reads Retry-After as an HTTP date', async () => {
    emulator.setFault(PATH, { type: 'status', status: 503,
      retryAfter: 'Wed, 01 Jan 2025 00:00:05 GMT' }, 1);
    const now = () => Date.parse('2025-01-01T00:00:00Z');
    const { options, waits } = recording({ now });
    expect((await get(options)).status).toBe(200);
    expect(waits).toEqual([5000]);
  });

  it('retries network errors, then reports them with their code', async () => {
    emulator.setFault(PATH, { type: 'reset' }, 2);
    const { options } = recording();
    expect((await get(options)).attempts).toBe(3);
    emulator.clearFaults();
    emulator.requests.length = 0;
    emulator.setFault(PATH, { type: 'reset' });
    const error = await failure(options);
    expect([error.kind, error.reason, error.attempts]).toEqual(['network', 'UND_ERR_SOCKET', 4]);
    expect(emulator.requests).toHaveLength(4);
  });

  it('times out slow answers, retries them, and gives up after maxAttempts', async () => {
    emulator.setFault(PATH, { type: 'slow', delayMs: 400 }, 1);
    const { options } = recording({ timeoutMs: 100, maxAttempts: 3 });
    expect((await get(options)).attempts).toBe(2);
    emulator.clearFaults();
    emulator.requests.length = 0;
    emulator.setFault(PATH, { type: 'slow', delayMs: 400 });
    const error = await failure(options);
    expect([error.kind, error.attempts, error.timeoutMs]).toEqual(['timeout', 3, 100]);
    expect(emulator.requests).toHaveLength(3);
  });

  it('treats a body cut off mid-transfer as a transport failure', async () => {
    emulator.setFault(PATH, { type: 'truncated' });
    const error = await failure(recording({ maxAttempts: 2 }).options);
    expect([error.kind, error.attempts]).toEqual(['truncated', 2]);
    expect(emulator.requests).toHaveLength(2);
  });
});

describe('delay arithmetic', () => {
  it('doubles the backoff, applies jitter in [0.5, 1) and caps it', () => {
    const at = (attempt: number, random: number, maxDelayMs = 10_000): number =>
      retryDelayMs(attempt, null, { baseDelayMs: 100, maxDelayMs, random: () => random });
    expect([at(1, 0), at(2, 0), at(3, 0.5), at(4, 0.999)]).toEqual([50, 100, 300, 800]);
    expect(at(10, 0, 250)).toBe(125);
    expect(at(10, 0.999, 250)).toBe(250);
  });

  it('parses Retry-After forms and ignores garbage', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:02 GMT', now)).toBe(2000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(retryDelayMs(1, 'soon', { baseDelayMs: 40, random: () => 0 })).toBe(20);
  });
});

describe('describeTransportFailure', () => {
  it('names the error code of a network failure, and says no more when there was none', () => {
    expect(describeTransportFailure(new TransportFailure('network', 'ECONNREFUSED', 4, 100))).toBe(
      'failed with a network error (ECONNREFUSED) after 4 attempts');
    expect(describeTransportFailure(new TransportFailure('network', 'network error', 1, 100))).toBe(
      'failed with a network error after 1 attempt');
    expect(describeTransportFailure(new TransportFailure('timeout', 'timeout', 2, 250))).toBe(
      'timed out after 2 attempts (250 ms each)');
  });
});
