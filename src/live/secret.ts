import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A secret string (access token, private key, key JSON) that does not leak by accident:
 * `String()`, `JSON.stringify()` and `util.inspect()` all print `[redacted]`.
 * Only {@link Secret.reveal} returns the value, and only the HTTP layer should call it.
 */
export class Secret {
  readonly #value: string;

  /** Wraps `value`; the value must not be empty. */
  constructor(value: string) {
    if (value.length === 0) {
      throw new TypeError('A secret must not be empty');
    }
    this.#value = value;
  }

  /** Returns the secret value itself. */
  reveal(): string {
    return this.#value;
  }

  /** Always `[redacted]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[redacted]`, so a secret inside JSON output stays hidden. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `[redacted]` in `console.log` and `util.inspect`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}
