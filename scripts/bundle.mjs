// Bundles the compiled CLI (dist/src/cli/main.js, written by tsc just
// before, as `npm run build` runs it) and its dependencies into ESM: the
// entry dist/sglint.mjs, which bin/sglint.js runs, and a few chunks in
// dist/chunks/. Node then reads, links and compiles a handful of modules at
// start instead of about 200 (dist plus zod, commander and the rest), which
// about halves the start-up time. The library entry (dist/src/index.js)
// stays unbundled.
//
// Code that only some commands need (the live API client and its JWT
// library, the config file and plugin schemas, directory walking, the
// atomic file writer) is reached through dynamic import() and lands in
// chunks of its own: a lint of files neither compiles nor initialises what
// it does not use. Each set of entries sharing code makes one more chunk
// for start-up to resolve, read and link, so only modules with a cost of
// their own are loaded on use: making `init` and `explain` lazy too added
// seven start-up chunks, which cost more than the code they kept out.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * `import { z } from 'zod'` keeps every export of zod, among them the
 * error messages in about fifty languages (`z.locales`), which cost start-up
 * time to compile and evaluate. sglint only uses the English ones that zod
 * installs by default, so the bundle keeps `z.locales.en` alone (this
 * matters for a file that zodNamespaceImports below leaves as it is).
 * Plugins import their own zod and are unaffected.
 */
const englishZodMessagesOnly = {
  name: 'english-zod-messages-only',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js';\n",
      loader: 'js',
    }));
  },
};

/**
 * sglint's modules import zod as `import { z } from 'zod'`. zod's index
 * re-exports its namespace object, and esbuild keeps a re-exported
 * namespace whole: JSON Schema conversion, code generation and the rest,
 * half of zod, compiled and initialised at every start. The same namespace
 * imported with `import * as z` from its own module is tree-shaken to the
 * members the code uses. That module is the one zod's index imports, so
 * there is still one zod (one configuration, one registry). A file whose
 * import reads otherwise is left alone and keeps the whole of zod: slower
 * to start, the same behaviour.
 */
const zodNamespaceImports = {
  name: 'zod-namespace-imports',
  setup(bundler) {
    bundler.onResolve({ filter: /^sglint:zod-namespace$/ }, async (args) => {
      const index = await bundler.resolve('zod', { kind: 'import-statement', resolveDir: args.resolveDir });
      return { path: path.join(path.dirname(index.path), 'v4', 'classic', 'external.js') };
    });
    bundler.onLoad({ filter: /[\\/]dist[\\/](src|rules)[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        /^import \{ z \} from 'zod';$/m,
        "import * as z from 'sglint:zod-namespace';",
      ),
      loader: 'js',
    }));
  },
};

// Chunk names carry a content hash: chunks of an earlier build would stay behind and be packed.
rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { sglint: 'dist/src/cli/main.js' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Less text for V8 to scan at start (the bundle shrinks by a third). Names stay, so that stack traces
  // of internal errors and CPU profiles remain readable; identifier mangling saved nothing measurable more.
  minifyWhitespace: true,
  minifySyntax: true,
  // jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow; its ESM build works.
  mainFields: ['module', 'main'],
  // hcl2json loads its wasm file from next to itself, so it stays an ordinary package import.
  external: ['@cdktn/hcl2json'],
  // Bundled CommonJS dependencies require Node built-ins (commander, write-file-atomic, picomatch), and
  // write-file-atomic seeds its temporary names with __filename; an ES module defines neither. Every
  // chunk gets these lines.
  banner: {
    js: [
      "import { createRequire as __sglintCreateRequire } from 'node:module';",
      "import { fileURLToPath as __sglintFileURLToPath } from 'node:url';",
      'const require = __sglintCreateRequire(import.meta.url);',
      'const __filename = __sglintFileURLToPath(import.meta.url);',
    ].join('\n'),
  },
  plugins: [englishZodMessagesOnly, zodNamespaceImports],
  logLevel: 'warning',
});
