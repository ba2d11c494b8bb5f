/**
 * The default terminal format: findings grouped by file, one line each
 * (`line:col  severity  message  check`), and a summary line. Colour only
 * when asked (the CLI asks on a TTY). Untrusted text is made inert.
 */
import pc from 'picocolors';
import type { Finding } from '../engine/finding.js';
import { inert } from './text.js';
import type { Reporter } from './types.js';

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export const stylishReporter: Reporter = (data, options) => {
  const colors = pc.createColors(options.color);
  const visible = data.findings.filter(
    (finding) =>
      (data.includeSuppressed || finding.suppressed === undefined) &&
      (!options.quiet || finding.severity === 'error'),
  );
  const byFile = new Map<string, Finding[]>();
  for (const finding of visible) {
    const list = byFile.get(finding.file);
    if (list === undefined) byFile.set(finding.file, [finding]);
    else list.push(finding);
  }

  const lines: string[] = [];
  for (const [file, findings] of byFile) {
    lines.push(colors.underline(inert(file)));
    const locationWidth = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
    for (const finding of findings) {
      const location = pad(`${finding.line}:${finding.column}`, locationWidth);
      const severity =
        finding.severity === 'error'
          ? colors.red(pad('error', 7))
          : finding.severity === 'warning'
            ? colors.yellow(pad('warning', 7))
            : colors.blue(pad('note', 7));
      const group = finding.securityGroup === null ? '' : colors.dim(`[${inert(finding.securityGroup.name)}] `);
      const suppressed = finding.suppressed === undefined ? '' : colors.dim(' (suppressed)');
      lines.push(`  ${colors.dim(location)}  ${severity}  ${group}${inert(finding.message)}${suppressed}  ${colors.dim(finding.check)}`);
    }
    lines.push('');
  }

  // Under --quiet the totals count what is shown: errors only.
  const { errors } = data.summary;
  const warnings = options.quiet ? 0 : data.summary.warnings;
  const notes = options.quiet ? 0 : data.summary.notes;
  const total = errors + warnings + notes;
  if (total > 0) {
    const text = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${notes} note${notes === 1 ? '' : 's'})`;
    lines.push(errors > 0 ? colors.red(colors.bold(text)) : colors.yellow(colors.bold(text)));
  } else if (data.problems.length === 0 && data.summary.warnings + data.summary.notes === 0) {
    lines.push(colors.green(`✔ no problems in ${data.summary.groups} security group${data.summary.groups === 1 ? '' : 's'}`));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
