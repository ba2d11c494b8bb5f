/**
 * The JSON pointers a scan looks for, as a tree of their segments, so the
 * scan compares one key or array index per value it passes instead of
 * building a pointer string for it.
 */
import type { Position } from '../model/types.js';

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/** One pointer of the tree; the scan fills in where its value was found. */
export class PointerNode {
  /** Members below an object value, by pointer segment (escaped key); undefined for a leaf. */
  keys: Map<string, PointerNode> | undefined;
  /** Members below an array value, in increasing index once the tree is sealed. */
  items: PointerNode[] | undefined;
  /** The members of `items` with a short index (see `shortIndexAt`), at their index. */
  byIndex: PointerNode[] | undefined;
  /** The position worked out for this pointer once the scan is done (shared by repeats). */
  position: Position | undefined = undefined;
  /** Slot in the scan's offset list of the value's start; -1 until found. */
  startSlot = -1;
  /** Slot in the scan's offset list of the value's end (exclusive); -1 until found. */
  endSlot = -1;

  constructor(
    readonly pointer: string,
    readonly parent: PointerNode | undefined,
    /** The array index the last segment names, or -1 when it names none. */
    readonly index: number,
  ) {}

  /** The nearest node, this one or an ancestor, whose value the scan found. */
  found(): PointerNode | undefined {
    let node: PointerNode | undefined = this;
    while (node !== undefined && node.startSlot < 0) node = node.parent;
    return node;
  }
}

/** Longest array index read from its digits here: larger ones go through `Number` like any key. */
const SHORT_INDEX_DIGITS = 9;

/**
 * The array index that `pointer.slice(start, end)` names when it is a short
 * one (digits without a leading zero), read without cutting the segment
 * out; -1 otherwise.
 */
function shortIndexAt(pointer: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0 || length > SHORT_INDEX_DIGITS) return -1;
  if (length > 1 && pointer.charCodeAt(start) === 48) return -1;
  let value = 0;
  for (let at = start; at < end; at += 1) {
    const digit = pointer.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Whether array members are in increasing index order already. */
function inOrder(items: readonly PointerNode[]): boolean {
  for (let at = 1; at < items.length; at += 1) {
    if ((items[at - 1] as PointerNode).index > (items[at] as PointerNode).index) return false;
  }
  return true;
}

/** Pointers (and so every ancestor of each) as a tree rooted at the whole document. */
export class PointerTree {
  readonly root = new PointerNode('', undefined, -1);
  /** Every node, the root first. */
  private readonly nodes: PointerNode[] = [this.root];
  /** Nodes of strings that are not pointers, by the string. */
  private readonly strays = new Map<string, PointerNode>();
  /**
   * The parent of the node `add` returned last. Pointers come in runs
   * below one parent (the rules of one group), and one below it is found
   * from there without walking down from the root.
   */
  private lastParent: PointerNode = this.root;

  /**
   * The node of `pointer`, created with its missing ancestors. A string
   * that is not a pointer (no leading `/`) gets a node no value matches,
   * so it falls back to the root.
   *
   * The pointer is walked down from the root segment by segment: an array
   * index is looked up by its number, so a pointer into an array costs no
   * look-up keyed by pointer text.
   */
  add(pointer: string): PointerNode {
    if (pointer === '') return this.root;
    if (pointer.charCodeAt(0) !== 47) {
      let stray = this.strays.get(pointer);
      if (stray === undefined) {
        stray = new PointerNode(pointer, this.root, -1);
        this.strays.set(pointer, stray);
        this.nodes.push(stray);
      }
      return stray;
    }
    const last = pointer.lastIndexOf('/');
    const parent = this.lastParent;
    if (last > 0 && last === parent.pointer.length && pointer.startsWith(parent.pointer)) {
      return this.member(parent, pointer, last + 1);
    }
    let node = this.root;
    let start = 1;
    for (;;) {
      const slash = pointer.indexOf('/', start);
      if (slash === -1) {
        this.lastParent = node;
        return this.member(node, pointer, start);
      }
      const index = shortIndexAt(pointer, start, slash);
      let next = index >= 0 ? node.byIndex?.[index] : node.keys?.get(pointer.slice(start, slash));
      if (next === undefined) next = this.child(node, pointer.slice(0, slash), pointer.slice(start, slash), index);
      node = next;
      start = slash + 1;
    }
  }

  /** The node of `pointer`, whose last segment starts at `start`, below `parent` (created if new). */
  private member(parent: PointerNode, pointer: string, start: number): PointerNode {
    const index = shortIndexAt(pointer, start, pointer.length);
    const found = index >= 0 ? parent.byIndex?.[index] : parent.keys?.get(pointer.slice(start));
    return found ?? this.child(parent, pointer, pointer.slice(start), index);
  }

  /** A new member of `parent`; `shortIndex` is the index `shortIndexAt` read from the segment. */
  private child(parent: PointerNode, pointer: string, segment: string, shortIndex: number): PointerNode {
    const index = shortIndex >= 0 ? shortIndex : ARRAY_INDEX.test(segment) ? Number(segment) : -1;
    const node = new PointerNode(pointer, parent, index);
    (parent.keys ??= new Map()).set(segment, node);
    if (index >= 0) (parent.items ??= []).push(node);
    if (shortIndex >= 0) (parent.byIndex ??= [])[shortIndex] = node;
    this.nodes.push(node);
    return node;
  }

  /** Sorts each node's array members by index, as the scan meets them in that order. */
  seal(): void {
    const { nodes } = this;
    for (let at = 0; at < nodes.length; at += 1) {
      const items = (nodes[at] as PointerNode).items;
      if (items !== undefined && !inOrder(items)) items.sort((a, b) => a.index - b.index);
    }
  }

  /** How many nodes the tree has, the root included. */
  get size(): number {
    return this.nodes.length;
  }

  /** Every node, ancestors included. */
  all(): IterableIterator<PointerNode> {
    return this.nodes.values();
  }
}
