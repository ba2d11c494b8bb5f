import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { canonicalPath as canonical } from '../load/canonical.js';
import { SnapshotWriteError } from './errors.js';

/** One object as the IaaS API returned it (SecurityGroup, NIC, Server or PublicIp). */
export type ApiObject = Record<string, unknown>;

/**
 * The fetched state of one project. Arrays keep the API's order and objects keep the API's
 * fields; each security group carries its full `rules` array.
 */
export interface ProjectSnapshot {
  /** The STACKIT project id. */
  projectId: string;
  /** The region the project was read in, e.g. `eu01`. */
  region: string;
  /** `SecurityGroup` objects, each with its `rules` (`SecurityGroupRule[]`). */
  securityGroups: ApiObject[];
  /** `NIC` objects from ListProjectNICs. */
  nics: ApiObject[];
  /** `Server` objects from ListServers with `details=true` (so with `nics`). */
  servers: ApiObject[];
  /** `PublicIp` objects. */
  publicIps: ApiObject[];
}

/**
 * The snapshot document (version 1), written by `sglint live --save` and read back by the file
 * loader. It holds no timestamps and no secrets, so equal API state gives equal bytes:
 *
 * ```json
 * { "kind": "sglint-snapshot", "version": 1,
 *   "projects": [ { "projectId": "…", "region": "eu01", "securityGroups": [],
 *                   "nics": [], "servers": [], "publicIps": [] } ] }
 * ```
 *
 * `projects` lists only the projects that were fetched successfully, in the order requested.
 */
export interface Snapshot {
  /** Always `sglint-snapshot`. */
  kind: 'sglint-snapshot';
  /** Format version, 1. */
  version: 1;
  /** One entry per fetched project. */
  projects: ProjectSnapshot[];
}

/** Options of {@link writeSnapshotAtomic}. */
export interface WriteSnapshotOptions {
  /** Files the run read; the snapshot never replaces one of them. */
  inputs?: readonly string[];
  /** Credential files the run may have read; never replaced either. */
  credentials?: readonly string[];
}

/** Serialises a snapshot as the file holds it: 2-space JSON and a final newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/**
 * Writes `snapshot` to `path` through a temporary file in the same directory and a rename, so
 * the target holds either its old content or the complete new one. Rejects with
 * {@link SnapshotWriteError} when `path` is one of `options.inputs` (also through a symlink)
 * or when the write fails.
 */
export async function writeSnapshotAtomic(
  path: string,
  snapshot: Snapshot,
  options: WriteSnapshotOptions = {},
): Promise<void> {
  const target = await canonical(path);
  const guarded = [
    ...(options.inputs ?? []).map((file) => ({ file, what: 'also an input file' })),
    ...(options.credentials ?? []).map((file) => ({ file, what: 'a credentials file' })),
  ];
  for (const { file, what } of guarded) {
    if ((await canonical(file)) === target) {
      throw new SnapshotWriteError(
        'would-overwrite-input',
        `Refusing to write the snapshot to ${path}: it is ${what} (${file}).`,
        path,
      );
    }
  }
  const existing = await stat(path).catch(() => undefined);
  if (existing !== undefined && !existing.isFile() && !existing.isDirectory()) {
    // A rename would replace a FIFO or device (even /dev/null, run as root) with a regular file,
    // and a snapshot is only worth saving where it can be read back.
    throw new SnapshotWriteError(
      'write-failed',
      `Could not write the snapshot to ${path}: it is not a regular file (a FIFO, device or socket). ` +
        'No file was changed.',
      path,
    );
  }
  let text: string;
  try {
    text = serializeSnapshot(snapshot);
  } catch {
    throw new SnapshotWriteError(
      'write-failed',
      `Could not write the snapshot to ${path}: the snapshot cannot be serialised as JSON.`,
      path,
    );
  }
  try {
    await writeFileAtomic(path, text, { encoding: 'utf8' });
  } catch (error) {
    throw new SnapshotWriteError(
      'write-failed',
      `Could not write the snapshot to ${path}: ${failureReason(path, error)}. ` +
        'No file was changed.',
      path,
    );
  }
}

function failureReason(path: string, error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `the directory ${dirname(resolve(path))} does not exist (ENOENT)`;
    case 'EISDIR':
      return 'it is a directory (EISDIR)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    default:
      return typeof code === 'string' ? code : 'unknown error';
  }
}
