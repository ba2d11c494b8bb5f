/**
 * The report formats by name.
 */
import { jsonReporter } from './json.js';
import { sarifReporter } from './sarif.js';
import { stylishReporter } from './stylish.js';
import type { Reporter } from './types.js';

export const REPORTERS: Record<string, Reporter> = {
  stylish: stylishReporter,
  json: jsonReporter,
  sarif: sarifReporter,
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
