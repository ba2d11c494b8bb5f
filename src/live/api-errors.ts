import { z } from 'zod';
import type { CredentialSource } from './credentials.js';
import { ApiError, type ApiErrorCode, type ApiErrorDetails } from './errors.js';
import { describeTransportFailure, type TransportFailure } from './http.js';

/** The request an API error is about. */
export interface RequestContext {
  /** Project being fetched. */
  projectId: string;
  /** Region segment of the path. */
  region: string;
  /** Path and query without the host. */
  path: string;
  /** IAM action of the endpoint. */
  action: string;
  /** The credential the request was sent with. */
  source: CredentialSource;
}

const errorBodySchema = z.looseObject({ code: z.number(), msg: z.string() });

/** Maps a final non-2xx response to its typed error. */
export function errorForStatus(
  ctx: RequestContext,
  status: number,
  body: string,
  attempts: number,
): ApiError {
  const at = `${prefix(ctx)}: GET ${ctx.path}`;
  const all = attempts === 1 ? 'on its only attempt' : `on all ${attempts} attempts`;
  switch (status) {
    case 401:
      return make(ctx, 'unauthorized', status, attempts,
        `${prefix(ctx)}: the IaaS API rejected the ${ctx.source.description} ` +
          `(HTTP 401 on GET ${ctx.path}). Check that it is valid and has not expired ` +
          'or been revoked.');
    case 403:
      return make(ctx, 'forbidden', status, attempts,
        `${prefix(ctx)}: permission denied (HTTP 403 on GET ${ctx.path}). The service ` +
          `account behind the ${ctx.source.description} needs the IAM permission ` +
          `"${ctx.action}" on this project.`);
    case 404:
      return make(ctx, 'not-found', status, attempts,
        `Project ${ctx.projectId} or region ${ctx.region} not found (HTTP 404 on ` +
          `GET ${ctx.path}). Check the project id and the region.`);
    case 429:
      return make(ctx, 'rate-limited', status, attempts,
        `${at} was rate limited (HTTP 429) ${all}. Try again later.`);
    default:
      if (status >= 500) {
        return make(ctx, 'server-error', status, attempts,
          `${at} failed with HTTP ${status} ${all} (IaaS API server error).`);
      }
      return make(ctx, 'http-error', status, attempts,
        `${at} failed with HTTP ${status}${apiMessage(body)}.`);
  }
}

/** Maps a transport failure (timeout, network error, cut-off body) to its typed error. */
export function errorForTransport(ctx: RequestContext, failure: TransportFailure): ApiError {
  const code: ApiErrorCode =
    failure.kind === 'truncated' ? 'invalid-response' : failure.kind;
  const message = `${prefix(ctx)}: GET ${ctx.path} ${describeTransportFailure(failure)}.`;
  return new ApiError(code, message, details(ctx, undefined, failure.attempts));
}

/** An answer that is not the JSON document the endpoint promises. */
export function invalidResponse(
  ctx: RequestContext,
  problem: string,
  status: number,
  attempts: number,
): ApiError {
  return make(ctx, 'invalid-response', status, attempts,
    `${prefix(ctx)}: GET ${ctx.path} returned an invalid response: ${problem}.`);
}

function make(
  ctx: RequestContext,
  code: ApiErrorCode,
  status: number,
  attempts: number,
  message: string,
): ApiError {
  return new ApiError(code, message, details(ctx, status, attempts));
}

function details(ctx: RequestContext, status: number | undefined, attempts: number) {
  const result: ApiErrorDetails = {
    projectId: ctx.projectId,
    region: ctx.region,
    path: ctx.path,
    attempts,
  };
  if (status !== undefined) {
    result.status = status;
  }
  if (status === 403) {
    result.action = ctx.action;
  }
  return result;
}

function prefix(ctx: RequestContext): string {
  return `Project ${ctx.projectId} (region ${ctx.region})`;
}

/** `: <msg>` from an API `Error` body, one line of at most 200 characters; else empty. */
function apiMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return '';
  }
  const parsed = errorBodySchema.safeParse(json);
  if (!parsed.success) {
    return '';
  }
  const text = parsed.data.msg.replace(/\s+/g, ' ').trim().slice(0, 200);
  return text === '' ? '' : `: ${text}`;
}
