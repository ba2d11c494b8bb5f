// Writes schema/sglint.config.schema.json from the zod config schema
// (run through `npm run schema`, which builds first). A test fails when
// the committed file and the generated one differ.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../dist/src/config/json-schema.js';

const target = fileURLToPath(new URL('../schema/sglint.config.schema.json', import.meta.url));
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target}`);
