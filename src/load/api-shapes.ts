/**
 * Readers for the shapes the IaaS API and the `stackit` CLI print: the
 * list envelope `{"items":[…]}`, a bare array, one object, and the
 * sglint live snapshot. Shapes are told apart by their content, never by
 * file name.
 */
import { pointerSegment } from '../model/normalize.js';
import { emptyReadResult, type RawGroupRecord, type ReadResult, type ShapeReader } from './records.js';

type Kind = 'group' | 'rule' | 'nic' | 'server' | 'public-ip' | 'unknown';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function has(object: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * The first of `keys` whose value is a string. Only strings name things:
 * String() of an array nested 100,000 deep overflows the stack.
 */
function firstString(value: unknown, keys: readonly string[]): string | undefined {
  if (!isObject(value)) return undefined;
  for (const key of keys) {
    const candidate = value[key];
    if (typeof candidate === 'string') return candidate;
  }
  return undefined;
}

/** What one element of a list is, judged by its keys. */
export function classify(value: unknown): Kind {
  if (!isObject(value)) return 'unknown';
  if (has(value, 'direction')) return 'rule';
  if (has(value, 'machineType') || (has(value, 'nics') && !has(value, 'rules'))) return 'server';
  if (has(value, 'networkId') || has(value, 'nicSecurity') || has(value, 'mac') || has(value, 'device')) return 'nic';
  if (Array.isArray(value.securityGroups) && !has(value, 'rules')) return 'nic';
  if (has(value, 'ip') && has(value, 'networkInterface')) return 'public-ip';
  // A name alone is not enough: package.json and many other documents have one.
  if (has(value, 'rules') || has(value, 'stateful')) return 'group';
  if (typeof value.name === 'string' && typeof value.id === 'string') return 'group';
  return 'unknown';
}

function listKind(items: readonly unknown[]): Kind {
  const counts = new Map<Kind, number>();
  for (const item of items) {
    const kind = classify(item);
    if (kind !== 'unknown') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  let best: Kind = 'unknown';
  let bestCount = 0;
  for (const [kind, count] of counts) {
    if (count > bestCount) {
      best = kind;
      bestCount = count;
    }
  }
  return best;
}

/** Adds the elements of a list of one kind to a result. */
export function addList(
  result: ReadResult,
  items: readonly unknown[],
  base: string,
  kind: Kind,
  extra: { projectId?: string } = {},
): void {
  items.forEach((value, index) => {
    const pointer = `${base}/${index}`;
    const record = { value, pointer, ...extra };
    switch (kind) {
      case 'group':
        result.groups.push(record);
        break;
      case 'rule':
        result.rules.push({
          value,
          pointer,
          listed: true,
          ...(isObject(value) && typeof value.securityGroupId === 'string'
            ? { groupRef: value.securityGroupId }
            : {}),
        });
        break;
      case 'nic':
        result.nics.push(record);
        break;
      case 'server':
        result.servers.push(record);
        break;
      default:
        break;
    }
  });
}

function readList(items: readonly unknown[], base: string): ReadResult {
  const result = emptyReadResult();
  const kind = listKind(items);
  // An empty list, or a list of groups, is a whole project's groups.
  result.complete = items.length === 0 || kind === 'group';
  addList(result, items, base, kind === 'unknown' ? 'group' : kind);
  return result;
}

/** `{"items":[…]}` from the API or `stackit curl`. */
export const apiListReader: ShapeReader = {
  shapes: ['an API list {"items":[group…]} (or of rules, NICs or servers)'],
  accepts: (value) => isObject(value) && Array.isArray(value.items),
  read: (value) => readList((value as { items: unknown[] }).items, '/items'),
};

/** A bare array, as `stackit … list -o json` prints it. */
export const bareArrayReader: ShapeReader = {
  shapes: ['a bare array of groups, rules, NICs or servers (stackit … list -o json)'],
  accepts: (value) => Array.isArray(value) && (value.length === 0 || listKind(value) !== 'unknown'),
  read: (value) => readList(value as unknown[], ''),
};

/** One object: a group (`security-group describe`) or a rule (`rule describe`, create payload). */
export const singleObjectReader: ShapeReader = {
  shapes: ['one security group {"name":…,"rules":[…]}', 'one rule {"direction":…}'],
  accepts: (value) => {
    const kind = classify(value);
    return kind === 'group' || kind === 'rule' || kind === 'nic' || kind === 'server';
  },
  read: (value) => {
    const result = emptyReadResult();
    const kind = classify(value);
    if (kind === 'group') result.groups.push({ value, pointer: '' });
    else addList(result, [value], '', kind);
    // addList used index 0: fix the pointers back to the document root.
    for (const list of [result.rules, result.nics, result.servers]) {
      for (const record of list) record.pointer = '';
    }
    // One rule is not the list of every rule of its group.
    for (const record of result.rules) delete record.listed;
    return result;
  },
};

/** The document `sglint live --save` writes. */
export const snapshotReader: ShapeReader = {
  shapes: ['an sglint live snapshot {"kind":"sglint-snapshot",…}'],
  accepts: (value) => isObject(value) && value.kind === 'sglint-snapshot',
  read: (value) => {
    const result = emptyReadResult();
    result.complete = true;
    const projects = (value as { projects?: unknown }).projects;
    if (!Array.isArray(projects)) return result;
    projects.forEach((project, index) => {
      if (!isObject(project)) return;
      const base = `/projects/${index}`;
      const projectId = typeof project.projectId === 'string' ? project.projectId : undefined;
      const extra = projectId === undefined ? {} : { projectId };
      const lists: [string, Kind][] = [
        ['securityGroups', 'group'],
        ['nics', 'nic'],
        ['servers', 'server'],
      ];
      for (const [key, kind] of lists) {
        const items = project[key];
        if (Array.isArray(items)) addList(result, items, `${base}/${pointerSegment(key)}`, kind, extra);
      }
      const region = typeof project.region === 'string' ? project.region : '';
      const scope = `projects/${projectId ?? index}/regions/${region}`;
      for (const group of result.groups) {
        if (group.logical !== undefined || !group.pointer.startsWith(`${base}/`)) continue;
        const name = firstString(group.value, ['id', 'name']) ?? group.pointer;
        group.logical = `${scope}/security-groups/${name}`;
      }
      for (const nic of result.nics) {
        if (nic.logical !== undefined || !nic.pointer.startsWith(`${base}/`)) continue;
        nic.logical = `${scope}/nics/${firstString(nic.value, ['id']) ?? nic.pointer}`;
      }
    });
    return result;
  },
};

/** Built-in readers, most specific first. */
export const API_READERS: ShapeReader[] = [snapshotReader, apiListReader, bareArrayReader, singleObjectReader];

export type { RawGroupRecord };
