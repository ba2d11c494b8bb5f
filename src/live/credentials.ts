import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AuthError, type AuthErrorCode } from './errors.js';
import { Secret } from './secret.js';

/** Environment variables as a plain lookup (defaults to `process.env`). */
export type Env = Readonly<Record<string, string | undefined>>;

/** The setting a credential was taken from. */
export type CredentialVariable =
  | 'STACKIT_SERVICE_ACCOUNT_KEY_PATH'
  | 'STACKIT_SERVICE_ACCOUNT_KEY'
  | 'STACKIT_SERVICE_ACCOUNT_TOKEN';

/** Which credential was used, described without the secret itself. */
export interface CredentialSource {
  /** `key`: service-account key exchanged by the key flow; `token`: a ready access token. */
  flow: 'key' | 'token';
  /** The setting that supplied it. */
  variable: CredentialVariable;
  /** Whether the setting came from the environment or from the credentials file. */
  origin: 'environment' | 'credentials-file';
  /** The credentials file, when `origin` is `credentials-file`. */
  credentialsFile?: string;
  /** The key file, when `variable` is `STACKIT_SERVICE_ACCOUNT_KEY_PATH`. */
  keyFile?: string;
  /** Human-readable noun phrase, e.g. `access token in STACKIT_SERVICE_ACCOUNT_TOKEN`. */
  description: string;
}

/** A private key that overrides `credentials.privateKey` of the service-account key. */
export interface PrivateKeyOverride {
  /** The PEM text. */
  pem: Secret;
  /** Where it came from, e.g. `private key in STACKIT_PRIVATE_KEY`. */
  origin: string;
}

/** Result of {@link discoverCredentials}: the secret material and where it came from. */
export type DiscoveredCredentials =
  | { flow: 'token'; source: CredentialSource; token: Secret }
  | {
      flow: 'key';
      source: CredentialSource;
      keyJson: Secret;
      privateKeyOverride?: PrivateKeyOverride;
    };

/** Where {@link discoverCredentials} looks. */
export interface DiscoveryOptions {
  /** Environment to read (default `process.env`). */
  env?: Env;
  /** Home directory holding `.stackit/credentials.json` (default `os.homedir()`). */
  homeDir?: string;
}

const fileSchema = z.looseObject({
  STACKIT_SERVICE_ACCOUNT_TOKEN: z.string().optional(),
  STACKIT_SERVICE_ACCOUNT_KEY_PATH: z.string().optional(),
  STACKIT_SERVICE_ACCOUNT_KEY: z.string().optional(),
  STACKIT_PRIVATE_KEY_PATH: z.string().optional(),
  STACKIT_PRIVATE_KEY: z.string().optional(),
});

type Settings = Partial<Record<string, string>>;

/** A settings layer: the environment or the credentials file. */
interface Layer {
  settings: Settings;
  file?: string;
}

/**
 * Finds credentials in this order: service-account key from `STACKIT_SERVICE_ACCOUNT_KEY_PATH`,
 * then inline `STACKIT_SERVICE_ACCOUNT_KEY`, then `STACKIT_SERVICE_ACCOUNT_TOKEN`, then the same
 * three keys (same order) in the credentials file (`STACKIT_CREDENTIALS_PATH`, default
 * `~/.stackit/credentials.json`). For a key, `STACKIT_PRIVATE_KEY_PATH` then
 * `STACKIT_PRIVATE_KEY` (environment first, then the file) override `credentials.privateKey`.
 * Empty values count as unset.
 */
export async function discoverCredentials(
  options: DiscoveryOptions = {},
): Promise<DiscoveredCredentials> {
  const env = options.env ?? process.env;
  const envLayer: Layer = { settings: env };
  const filePath = credentialsFilePath(env, options.homeDir);
  let fileLayer: Layer | null | undefined;
  const loadFileLayer = async (): Promise<Layer | null> => {
    if (fileLayer === undefined) {
      const settings = await readCredentialsFile(filePath);
      fileLayer = settings === null ? null : { settings, file: filePath };
    }
    return fileLayer;
  };
  const found = (await fromLayer(envLayer)) ?? (await fromFile(loadFileLayer));
  if (found === null) {
    throw new AuthError(
      'no-credentials',
      'No STACKIT credentials found. Set STACKIT_SERVICE_ACCOUNT_KEY_PATH to a service-account ' +
        'key file (or STACKIT_SERVICE_ACCOUNT_KEY to its JSON), or set ' +
        `STACKIT_SERVICE_ACCOUNT_TOKEN, or put one of them in ${filePath}.`,
    );
  }
  if (found.flow === 'token') {
    return found;
  }
  const override =
    (await privateKeyFrom(envLayer)) ?? (await privateKeyFrom(await loadFileLayer()));
  return override === null ? found : { ...found, privateKeyOverride: override };
}

/** The credentials file path: `STACKIT_CREDENTIALS_PATH`, else `~/.stackit/credentials.json`. */
export function credentialsFilePath(env: Env, homeDir?: string): string {
  const fallback = join(homeDir ?? homedir(), '.stackit', 'credentials.json');
  return setting(env, 'STACKIT_CREDENTIALS_PATH') ?? fallback;
}

/** Settings that name files holding secrets. */
const SECRET_PATH_SETTINGS = ['STACKIT_SERVICE_ACCOUNT_KEY_PATH', 'STACKIT_PRIVATE_KEY_PATH'];

/**
 * Every file credential discovery may read: the credentials file and the key files the
 * environment or that file names. A report must never replace one, so this errs on the side
 * of listing too much (a file named but not needed); an unreadable credentials file adds none.
 */
export async function credentialFiles(env: Env, homeDir?: string): Promise<string[]> {
  const filePath = credentialsFilePath(env, homeDir);
  const files = [filePath];
  const fileSettings = await readCredentialsFile(filePath).catch(() => null);
  for (const settings of [env, fileSettings ?? {}]) {
    for (const name of SECRET_PATH_SETTINGS) {
      const value = setting(settings, name);
      if (value !== undefined) files.push(value);
    }
  }
  return files;
}

async function fromFile(load: () => Promise<Layer | null>): Promise<DiscoveredCredentials | null> {
  const layer = await load();
  return layer === null ? null : fromLayer(layer);
}

async function fromLayer(layer: Layer): Promise<DiscoveredCredentials | null> {
  const keyPath = setting(layer.settings, 'STACKIT_SERVICE_ACCOUNT_KEY_PATH');
  if (keyPath !== undefined) {
    const source = describe(layer, 'key', 'STACKIT_SERVICE_ACCOUNT_KEY_PATH', keyPath);
    const keyJson = await readSecretFile(keyPath, source.description, 'key-unreadable');
    return { flow: 'key', source, keyJson };
  }
  const inlineKey = setting(layer.settings, 'STACKIT_SERVICE_ACCOUNT_KEY');
  if (inlineKey !== undefined) {
    const source = describe(layer, 'key', 'STACKIT_SERVICE_ACCOUNT_KEY');
    return { flow: 'key', source, keyJson: new Secret(inlineKey) };
  }
  const token = setting(layer.settings, 'STACKIT_SERVICE_ACCOUNT_TOKEN');
  if (token !== undefined) {
    const source = describe(layer, 'token', 'STACKIT_SERVICE_ACCOUNT_TOKEN');
    return { flow: 'token', source, token: new Secret(token.trim()) };
  }
  return null;
}

async function privateKeyFrom(layer: Layer | null): Promise<PrivateKeyOverride | null> {
  if (layer === null) {
    return null;
  }
  const where = layer.file === undefined ? '' : ` in ${layer.file}`;
  const path = setting(layer.settings, 'STACKIT_PRIVATE_KEY_PATH');
  if (path !== undefined) {
    const origin = `private key file ${path} (STACKIT_PRIVATE_KEY_PATH${where})`;
    return { pem: await readSecretFile(path, origin, 'private-key-unreadable'), origin };
  }
  const inline = setting(layer.settings, 'STACKIT_PRIVATE_KEY');
  if (inline !== undefined) {
    return { pem: new Secret(inline), origin: `private key in STACKIT_PRIVATE_KEY${where}` };
  }
  return null;
}

function describe(
  layer: Layer,
  flow: 'key' | 'token',
  variable: CredentialVariable,
  keyFile?: string,
): CredentialSource {
  const what = flow === 'key' ? 'service-account key' : 'access token';
  const where = layer.file === undefined ? variable : `${variable} in ${layer.file}`;
  const description =
    keyFile === undefined ? `${what} in ${where}` : `${what} file ${keyFile} (${where})`;
  const source: CredentialSource = {
    flow,
    variable,
    origin: layer.file === undefined ? 'environment' : 'credentials-file',
    description,
  };
  if (layer.file !== undefined) {
    source.credentialsFile = layer.file;
  }
  if (keyFile !== undefined) {
    source.keyFile = keyFile;
  }
  return source;
}

function setting(settings: Settings | Env, name: string): string | undefined {
  const value = settings[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

async function readCredentialsFile(path: string): Promise<Settings | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') {
      return null;
    }
    throw new AuthError(
      'credentials-file-invalid',
      `Cannot read the credentials file ${path}: ${describeErrno(error)}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AuthError(
      'credentials-file-invalid',
      `The credentials file ${path} is not valid JSON; expected a flat object whose keys ` +
        'are STACKIT_* variable names.',
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.')))];
    const expected = fields.includes('')
      ? 'a JSON object whose keys are STACKIT_* variable names'
      : `string values for ${fields.join(', ')}`;
    throw new AuthError(
      'credentials-file-invalid',
      `The credentials file ${path} is not valid: expected ${expected}.`,
    );
  }
  const settings: Settings = {};
  for (const [name, value] of Object.entries(parsed.data)) {
    if (typeof value === 'string') {
      settings[name] = value;
    }
  }
  return settings;
}

async function readSecretFile(path: string, origin: string, code: AuthErrorCode): Promise<Secret> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new AuthError(code, `Cannot read the ${origin}: ${describeErrno(error)}.`);
  }
  if (text.trim() === '') {
    throw new AuthError(code, `The ${origin} is empty.`);
  }
  return new Secret(text);
}

function errnoCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'file not found',
  EACCES: 'permission denied',
  EISDIR: 'it is a directory',
};

function describeErrno(error: unknown): string {
  const code = errnoCode(error) ?? 'unknown error';
  const text = ERRNO_TEXT[code];
  return text === undefined ? code : `${text} (${code})`;
}
