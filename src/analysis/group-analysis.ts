/**
 * Analysis shared by the checks of one run, computed once per group and
 * cached: rule boxes, exposure of ingress traffic, duplicates and
 * redundancy. All of it is exact on sets; work is bounded by a budget,
 * and a question the budget cannot answer produces no finding.
 */
import type { Family, Model, SecurityGroup, SecurityGroupRule } from '../model/types.js';
import { createBudget, type WorkBudget } from './box.js';
import { BoxIndex } from './box-index.js';
import { computeExposure, type ExposureCell, type ExposureOptions } from './exposure.js';
import { publicSpace } from './public-space.js';
import { findDuplicateRules, findRedundant } from './redundancy.js';
import { GroupAtoms, addressBits, addressSpace, type Box } from './space.js';
import { ruleBox } from './traffic.js';

export interface ExposureSettings {
  trustedRanges: readonly string[];
  /** Prefix length: a public run wider than one block of this prefix is "broad". */
  broadPrefix: Record<Family, number>;
}

export interface RuleExposure {
  /** The analysable ingress rules of one family, in input order. */
  rules: SecurityGroupRule[];
  cells: ExposureCell[];
}

export interface RuleCoverage {
  rules: SecurityGroupRule[];
  boxes: Box[];
  index: BoxIndex;
}

export interface RedundancyResult {
  duplicates: { rule: SecurityGroupRule; original: SecurityGroupRule }[];
  redundant: { rule: SecurityGroupRule; coveredBy: SecurityGroupRule[] }[];
}

/** The address part of the remote axis per family. */
const ADDRESSES = { 4: addressSpace(4), 6: addressSpace(6) } as const;

interface BoxSlot {
  groupKey: string;
  owners: SecurityGroupRule[];
  boxes: Box[];
}

/** The position of a direction and family among the four parts of a group. */
function partOf(direction: 'ingress' | 'egress', family: Family): number {
  return (direction === 'ingress' ? 0 : 2) + (family === 4 ? 0 : 1);
}

/** A family and exposure settings seen, with the exposure options they make. */
interface SettingsEntry {
  family: Family;
  trustedRanges: readonly string[];
  /** The trusted ranges as one text, compared when the lists are not the same object. */
  trustedText: string;
  broadPrefix: number;
  options: ExposureOptions;
}

/** True when `key` was made for this family and settings (the trusted ranges compared as text). */
function sameExposureSettings(key: SettingsEntry, family: Family, settings: ExposureSettings): boolean {
  return (
    key.family === family &&
    key.broadPrefix === settings.broadPrefix[family] &&
    (key.trustedRanges === settings.trustedRanges || key.trustedText === settings.trustedRanges.join(','))
  );
}

/** Default bound on box operations for one run (a few seconds of work at most). */
export const DEFAULT_WORK_BUDGET = 20_000_000;

export class GroupAnalysis {
  readonly atoms = new GroupAtoms();
  readonly budget: WorkBudget;
  /** Groups whose analysis stopped early because the budget ran out. */
  readonly incomplete = new Set<SecurityGroup>();
  /** Boxes by group key and rule position; `owners` tells which rule a box belongs to. */
  private readonly boxSlots = new Map<string, BoxSlot>();
  private lastSlot: BoxSlot | undefined;
  private readonly strayBoxes = new Map<SecurityGroupRule, Box>();
  /** Exposures per group key, at the index of their family and settings. */
  private readonly exposures = new Map<string, (RuleExposure | undefined)[]>();
  private lastExposureKey: string | undefined;
  private lastExposures: (RuleExposure | undefined)[] | undefined;
  /** Each family and exposure settings seen, at its index. */
  private readonly exposureSettings: SettingsEntry[] = [];
  private readonly redundancies = new Map<SecurityGroup, RedundancyResult>();
  /** Analysable rules per group, in the four parts of `partOf`. */
  private readonly parts = new Map<SecurityGroup, SecurityGroupRule[][]>();
  private readonly coverages = new Map<string, RuleCoverage>();
  /** The boxes of the part `redundancy` is judging (reused from part to part). */
  private readonly partBoxes: Box[] = [];

  constructor(readonly model: Model, workBudget = DEFAULT_WORK_BUDGET) {
    this.budget = createBudget(workBudget);
  }

  /** The traffic box of an analysable rule (cached; do not modify). */
  box(rule: SecurityGroupRule): Box {
    let slot = this.lastSlot;
    if (slot === undefined || slot.groupKey !== rule.groupKey) {
      slot = this.boxSlots.get(rule.groupKey);
      if (slot === undefined) {
        slot = { groupKey: rule.groupKey, owners: [], boxes: [] };
        this.boxSlots.set(rule.groupKey, slot);
      }
      this.lastSlot = slot;
    }
    const owner = slot.owners[rule.index];
    if (owner === rule) return slot.boxes[rule.index] as Box;
    if (owner === undefined) {
      const box = ruleBox(rule, this.atoms);
      slot.owners[rule.index] = rule;
      slot.boxes[rule.index] = box;
      return box;
    }
    // Another rule holds this position (rules built by hand may share one).
    let box = this.strayBoxes.get(rule);
    if (box === undefined) {
      box = ruleBox(rule, this.atoms);
      this.strayBoxes.set(rule, box);
    }
    return box;
  }

  /** Analysable rules of a group for one direction and family, in input order (cached; do not modify). */
  rulesOf(group: SecurityGroup, direction: 'ingress' | 'egress', family: Family): SecurityGroupRule[] {
    let byPart = this.parts.get(group);
    if (byPart === undefined) {
      byPart = [[], [], [], []];
      for (const rule of group.rules) {
        if (rule.analysable) (byPart[partOf(rule.direction, rule.family)] as SecurityGroupRule[]).push(rule);
      }
      this.parts.set(group, byPart);
    }
    return byPart[partOf(direction, family)] as SecurityGroupRule[];
  }

  /**
   * The analysable rules of a group for one direction and family, with
   * their boxes and an index that finds the boxes meeting a query (cached).
   */
  coverageOf(group: SecurityGroup, direction: 'ingress' | 'egress', family: Family): RuleCoverage {
    const cacheKey = `${group.key}|${direction}|${family}`;
    let coverage = this.coverages.get(cacheKey);
    if (coverage === undefined) {
      const rules = this.rulesOf(group, direction, family);
      const boxes = rules.map((rule) => this.box(rule));
      coverage = { rules, boxes, index: new BoxIndex(boxes, boxes.map((_, position) => position)) };
      this.coverages.set(cacheKey, coverage);
    }
    return coverage;
  }

  /** Exposure of the union of the given ingress rules (one family). */
  exposureOf(rules: SecurityGroupRule[], family: Family, settings: ExposureSettings): ExposureCell[] | undefined {
    const options = (this.exposureSettings[this.settingsIndex(family, settings)] as SettingsEntry).options;
    return computeExposure(
      rules.map((rule) => this.box(rule)),
      options,
      this.budget,
    );
  }

  /**
   * A small number naming a family and exposure settings, the same for
   * equal settings; their exposure options are built once, with the number.
   */
  private settingsIndex(family: Family, settings: ExposureSettings): number {
    const seen = this.exposureSettings;
    for (let index = 0; index < seen.length; index += 1) {
      if (sameExposureSettings(seen[index] as SettingsEntry, family, settings)) return index;
    }
    const bits = addressBits(family);
    seen.push({
      family,
      trustedRanges: settings.trustedRanges,
      trustedText: settings.trustedRanges.join(','),
      broadPrefix: settings.broadPrefix[family],
      options: {
        addresses: addressSpace(family),
        publicSpace: publicSpace(family, settings.trustedRanges),
        broadSize: 1n << BigInt(bits - settings.broadPrefix[family]),
      },
    });
    return seen.length - 1;
  }

  /** Exposure of a group's ingress rules of one family, cached. */
  groupExposure(group: SecurityGroup, family: Family, settings: ExposureSettings): RuleExposure {
    const index = this.settingsIndex(family, settings);
    // The checks ask for both families of a group in a row: the last group's
    // entry is kept at hand, saving a lookup by its (long) key.
    let bySettings = this.lastExposureKey === group.key ? this.lastExposures : this.exposures.get(group.key);
    if (bySettings === undefined) this.exposures.set(group.key, (bySettings = []));
    this.lastExposureKey = group.key;
    this.lastExposures = bySettings;
    let exposure = bySettings[index];
    if (exposure === undefined) {
      const rules = this.rulesOf(group, 'ingress', family);
      const cells = this.exposureOf(rules, family, settings);
      if (cells === undefined) this.incomplete.add(group);
      exposure = { rules, cells: cells ?? [] };
      bySettings[index] = exposure;
    }
    return exposure;
  }

  /** Duplicate and redundant rules of a group, cached. */
  redundancy(group: SecurityGroup): RedundancyResult {
    let result = this.redundancies.get(group);
    if (result !== undefined) return result;
    result = { duplicates: [], redundant: [] };
    for (const direction of ['ingress', 'egress'] as const) {
      for (const family of [4, 6] as const) {
        const rules = this.rulesOf(group, direction, family);
        if (rules.length < 2) continue;
        const duplicates = findDuplicateRules(rules);
        // Most parts have no duplicate: the loop over the map is skipped, not entered empty.
        if (duplicates.size > 0) {
          for (const [later, first] of duplicates) {
            result.duplicates.push({
              rule: rules[later] as SecurityGroupRule,
              original: rules[first] as SecurityGroupRule,
            });
          }
        }
        // Entries past this part's rules are left from an earlier part: no member names them.
        const boxes = this.partBoxes;
        const members: number[] = [];
        for (let index = 0; index < rules.length; index += 1) {
          boxes[index] = this.box(rules[index] as SecurityGroupRule);
          if (!duplicates.has(index)) members.push(index);
        }
        const found = findRedundant(boxes, members, this.budget, ADDRESSES[family]);
        if (this.budget.exhausted) this.incomplete.add(group);
        for (const entry of found) {
          result.redundant.push({
            rule: rules[entry.index] as SecurityGroupRule,
            coveredBy: entry.coveredBy.map((index) => rules[index] as SecurityGroupRule),
          });
        }
      }
    }
    this.redundancies.set(group, result);
    return result;
  }
}
