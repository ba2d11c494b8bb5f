import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/engine/registry.js';
import { junitReporter, xmlEscape } from '../../src/report/junit.js';
import type { ReportData } from '../../src/report/types.js';
import { finding } from './report-data.js';

const options = { color: false, quiet: false };

function data(extra: Partial<ReportData>): ReportData {
  return {
    findings: [],
    summary: { errors: 0, warnings: 0, notes: 0, suppressed: 0, files: 1, groups: 1, rules: 1 },
    problems: [],
    checks: BUILTIN_CHECKS,
    failures: [],
    toolVersion: '0.0.0-test',
    includeSuppressed: false,
    ...extra,
  };
}

describe('junit', () => {
  it('escapes markup and strips characters XML 1.0 forbids', () => {
    expect(xmlEscape(`a<b>&"c"'d'\u0000\u0007\u001b[31m\ud800x😀`)).toBe(
      'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;[31mx😀',
    );
  });

  it('keeps line breaks and tabs in attribute values as character references', () => {
    const text = junitReporter(
      data({ findings: [finding({ securityGroup: { id: null, name: 'a\r\nb\tc' } })] }),
      options,
    );
    expect(text).toContain(' name="ingress-world [a&#13;&#10;b&#9;c] infra/sg.json:3:5" ');
    expect(text).toContain('>infra/sg.json:3:5 warning [a\r\nb\tc] tcp/8080');
  });

  it('turns a check that failed into an error testcase, not a clean run', () => {
    const text = junitReporter(data({ failures: [{ check: 'boom', message: 'kaboom' }] }), options);
    expect(text).toContain('<testsuites name="sglint" tests="1" failures="0" errors="1" skipped="0">');
    expect(text).toContain(
      '    <testcase classname="sglint" name="check boom failed" time="0">\n' +
        '      <error message="kaboom" type="check">check boom failed: kaboom</error>\n' +
        '    </testcase>\n',
    );
    expect(text).not.toContain('no findings');
  });

  it('gives a clean run one passing testcase', () => {
    expect(junitReporter(data({}), options)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="sglint" tests="1" failures="0" errors="0" skipped="0">\n' +
        '  <testsuite name="sglint" tests="1" failures="0" errors="0" skipped="0" time="0">\n' +
        '    <testcase classname="sglint" name="sglint: no findings" time="0"/>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });

  it('writes one failing testcase per finding with unique names, skipped ones and input errors', () => {
    const twin = finding({ message: 'tcp/8081 <from> "world" & more' });
    const text = junitReporter(
      data({
        findings: [
          finding(),
          twin,
          finding({ check: 'duplicate-rule', suppressed: { kind: 'label', justification: 'ok' } }),
        ],
        problems: [{ file: 'bad.json', message: 'invalid JSON', line: 1, column: 2, fatal: true }],
        includeSuppressed: true,
      }),
      options,
    );
    expect(text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<testsuites name="sglint" tests="4" failures="2" errors="1" skipped="1">\n' +
        '  <testsuite name="sglint" tests="4" failures="2" errors="1" skipped="1" time="0">\n' +
        '    <testcase classname="bad.json" name="input bad.json:1:2" file="bad.json" time="0">\n' +
        '      <error message="invalid JSON" type="input">bad.json:1:2 invalid JSON</error>\n' +
        '    </testcase>\n' +
        '    <testcase classname="infra/sg.json" name="ingress-world [web] infra/sg.json:3:5" file="infra/sg.json" time="0">\n' +
        '      <failure message="tcp/8080 reachable from the world through 0.0.0.0/0" type="ingress-world">' +
        'infra/sg.json:3:5 warning [web] tcp/8080 reachable from the world through 0.0.0.0/0 (ingress-world)</failure>\n' +
        '    </testcase>\n' +
        '    <testcase classname="infra/sg.json" name="ingress-world [web] infra/sg.json:3:5 (2)" file="infra/sg.json" time="0">\n' +
        '      <failure message="tcp/8081 &lt;from&gt; &quot;world&quot; &amp; more" type="ingress-world">' +
        'infra/sg.json:3:5 warning [web] tcp/8081 &lt;from&gt; &quot;world&quot; &amp; more (ingress-world)</failure>\n' +
        '    </testcase>\n' +
        '    <testcase classname="infra/sg.json" name="duplicate-rule [web] infra/sg.json:3:5" file="infra/sg.json" time="0">\n' +
        '      <skipped message="ok"/>\n' +
        '    </testcase>\n' +
        '  </testsuite>\n' +
        '</testsuites>\n',
    );
  });
});
