/**
 * The JSON report, a stable contract documented in the README:
 * `{"version":1,"findings":[…],"summary":{…},"problems":[…]}`.
 */
import { jsonSafe } from './text.js';
import type { Reporter } from './types.js';
import { visibleFindings } from './visible.js';

export const jsonReporter: Reporter = (data, options) => {
  const findings = visibleFindings(data, options);
  const report = {
    version: 1,
    tool: { name: 'sglint', version: data.toolVersion },
    findings,
    summary: data.summary,
    problems: data.problems.map((problem) => ({
      file: problem.file,
      line: problem.line ?? null,
      column: problem.column ?? null,
      message: problem.message,
    })),
  };
  // The newline joins before `jsonSafe`: its search makes one flat string of the whole report, which
  // the write then takes as it is (a newline joined after would make it copy the 16 MB text again).
  return jsonSafe(`${JSON.stringify(report, null, 2)}\n`);
};
