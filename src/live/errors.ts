/**
 * Typed errors of the live-project layer. Messages are written for the user and never contain
 * an access token, a private key, key JSON or a signed JWT.
 */

/** Base class of every error this layer reports; `code` tells the cases apart. */
export abstract class LiveError extends Error {
  /** Machine-readable reason, stable across releases. */
  abstract readonly code: string;
}

/** Reasons credential discovery or the key-flow token exchange can fail. */
export type AuthErrorCode =
  | 'no-credentials'
  | 'credentials-file-invalid'
  | 'key-unreadable'
  | 'key-is-pem'
  | 'key-not-json'
  | 'key-invalid'
  | 'private-key-missing'
  | 'private-key-unreadable'
  | 'private-key-invalid'
  | 'token-url-invalid'
  | 'token-rejected'
  | 'token-endpoint-failed'
  | 'token-response-invalid';

/** Credentials could not be found, read, or exchanged for an access token. */
export class AuthError extends LiveError {
  /** Why authentication failed. */
  readonly code: AuthErrorCode;

  /** Creates an auth error; `message` must already be free of secrets. */
  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}

/** Reasons the live options can be unusable. */
export type ConfigErrorCode = 'invalid-endpoint';

/** An option or environment setting of the live layer is unusable. */
export class ConfigError extends LiveError {
  /** Which setting is wrong. */
  readonly code: ConfigErrorCode;

  /** Creates a configuration error. */
  constructor(code: ConfigErrorCode, message: string) {
    super(message);
    this.name = 'ConfigError';
    this.code = code;
  }
}

/** Reasons a request to the IaaS API can fail. */
export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'http-error'
  | 'timeout'
  | 'network'
  | 'invalid-response';

/** Where an API error happened and what was learnt about it. */
export interface ApiErrorDetails {
  /** The project whose fetch failed. */
  projectId: string;
  /** The region the project was read in. */
  region: string;
  /** Path and query of the failing request, without the host. */
  path: string;
  /** HTTP status of the last attempt, when a response arrived. */
  status?: number;
  /** Number of attempts made before giving up. */
  attempts: number;
  /** IAM action the endpoint requires (set for `forbidden`). */
  action?: string;
}

/** Reading one project from the IaaS API failed; other projects are unaffected. */
export class ApiError extends LiveError {
  /** Why the request failed. */
  readonly code: ApiErrorCode;
  /** Request context of the failure. */
  readonly details: ApiErrorDetails;

  /** Creates an API error; `message` must already be free of secrets. */
  constructor(code: ApiErrorCode, message: string, details: ApiErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

/** Reasons writing a snapshot file can fail. */
export type SnapshotErrorCode = 'would-overwrite-input' | 'write-failed';

/** A snapshot could not be written; the target file is unchanged. */
export class SnapshotWriteError extends LiveError {
  /** Why the write was refused or failed. */
  readonly code: SnapshotErrorCode;
  /** The target path as given by the caller. */
  readonly path: string;

  /** Creates a snapshot write error. */
  constructor(code: SnapshotErrorCode, message: string, path: string) {
    super(message);
    this.name = 'SnapshotWriteError';
    this.code = code;
    this.path = path;
  }
}
