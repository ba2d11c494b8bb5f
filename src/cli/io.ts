/**
 * What the CLI reads and writes through (injectable for tests) and its
 * exit codes: 0 clean, 1 findings at or above the fail threshold, 2
 * usage/config/input error, 3 internal failure.
 */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where `explain` reads doc pages (tests point it elsewhere). */
  docsDir?: string;
}

export const EXIT = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;
