/**
 * What the three world-exposure checks share: the settings they judge the
 * world with, and the reporting of their part of the split (per group,
 * then per NIC for what only the union of a NIC's groups opens).
 */
import { describeSources, listItems } from '../src/analysis/describe.js';
import type { ExposureSettings } from '../src/analysis/group-analysis.js';
import { describeNic, describeUnion, nicWorldExposure } from '../src/analysis/nic-exposure.js';
import { groupWorldFindings, type AllowedPort, type WorldSplit } from '../src/analysis/world.js';
import type { CheckContext, SharedSettings } from '../src/engine/check.js';

export const DEFAULT_EXPOSURE_SETTINGS = (settings: SharedSettings): ExposureSettings => ({
  trustedRanges: settings.trustedRanges,
  broadPrefix: { 4: 16, 6: 32 },
});

/** The allow list of the checks that do not use one. */
export const NOTHING_ALLOWED: readonly AllowedPort[] = Object.freeze([]);

/** Reports one part of the world split, for every group and then for every NIC. */
export function reportWorldExposure<Options>(
  context: CheckContext<Options>,
  part: keyof WorldSplit,
  allowed: readonly AllowedPort[],
): void {
  const { model, analysis, settings, report } = context;
  const exposureSettings = DEFAULT_EXPOSURE_SETTINGS(settings);
  for (const group of model.groups) {
    for (const family of [4, 6] as const) {
      const findings = groupWorldFindings(
        analysis,
        group,
        family,
        exposureSettings,
        settings.sensitivePorts,
        allowed,
        part,
      );
      for (const finding of findings) {
        const [rule, ...related] = finding.rules;
        if (rule === undefined) continue;
        report({
          rule,
          related,
          message: `${listItems(finding.items)} reachable from the world through ${describeSources(finding.rules)}`,
        });
      }
    }
  }
  // Groups on one NIC add up: report what only their union opens, on the NIC.
  for (const family of [4, 6] as const) {
    const unions = nicWorldExposure(analysis, model, family, exposureSettings, settings.sensitivePorts, allowed);
    for (const { nic, groups, split } of unions) {
      for (const finding of split[part]) {
        report({
          nic,
          related: finding.rules,
          message:
            `${listItems(finding.items)} reachable from the world on ${describeNic(nic)} ` +
            `through ${describeUnion(groups, finding.rules)}`,
        });
      }
    }
  }
}
