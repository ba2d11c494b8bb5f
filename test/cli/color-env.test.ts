import { Writable } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RISKY = path.join(ROOT, 'fixtures/risky/project.json');
const ESC = '\u001b[';

/** Runs the CLI in-process with a terminal-like stdout; returns what it printed. */
async function printed(env: Record<string, string>): Promise<string> {
  let text = '';
  const stdout = Object.assign(
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY: true },
  );
  const stderr = new Writable({ write: (_chunk, _encoding, done) => done() });
  await main([RISKY, '--fail-on', 'never'], { stdout, stderr, env: { PATH: process.env.PATH ?? '', ...env }, cwd: ROOT });
  return text;
}

describe('colour from the environment on a terminal', () => {
  it.each([
    [{}, true],
    [{ NO_COLOR: '1' }, false],
    [{ FORCE_COLOR: '0' }, false],
    [{ FORCE_COLOR: 'false' }, false],
    [{ FORCE_COLOR: '1' }, true],
  ])('%o gives colour: %s', async (env, colour) => {
    const text = await printed(env);
    expect(text).toContain('ingress-sensitive-port-world');
    expect(text.includes(ESC)).toBe(colour);
  });
});
