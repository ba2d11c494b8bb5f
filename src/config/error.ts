/** A config file that cannot be read or is not valid; the message names the file and the key path. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
