/**
 * Settings the exposure checks share, so that they agree on what the
 * world and public space are.
 */
import type { ExposureSettings } from '../src/analysis/group-analysis.js';
import type { AllowedPort } from '../src/analysis/world.js';
import type { SharedSettings } from '../src/engine/check.js';

export const DEFAULT_EXPOSURE_SETTINGS = (settings: SharedSettings): ExposureSettings => ({
  trustedRanges: settings.trustedRanges,
  broadPrefix: { 4: 16, 6: 32 },
});

export const worldSettings = {
  allowedNone: [] as AllowedPort[],
};
