#!/usr/bin/env node
// The CLI bundled by `npm run build` (scripts/bundle.mjs) into dist/sglint.mjs and dist/chunks/: it starts faster than dist/src.
import { main } from '../dist/sglint.mjs';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`sglint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  },
);
