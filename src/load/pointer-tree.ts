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

/** Pointers (and so every ancestor of each) as a tree rooted at the whole document. */
export class PointerTree {
  readonly root = new PointerNode('', undefined, -1);
  /** Every node, the root first. */
  private readonly nodes: PointerNode[] = [this.root];
  /** Nodes of strings that are not pointers, by the string. */
  private readonly strays = new Map<string, PointerNode>();

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
    let node = this.root;
    let start = 1;
    for (;;) {
      const slash = pointer.indexOf('/', start);
      const end = slash === -1 ? pointer.length : slash;
      const index = shortIndexAt(pointer, start, end);
      let next: PointerNode | undefined;
      if (index >= 0) {
        next = node.byIndex?.[index];
      } else {
        next = node.keys?.get(pointer.slice(start, end));
      }
      if (next === undefined) {
        const segment = pointer.slice(start, end);
        next = this.child(node, end === pointer.length ? pointer : pointer.slice(0, end), segment, index);
      }
      if (slash === -1) return next;
      node = next;
      start = slash + 1;
    }
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
    for (const node of this.nodes) {
      if (node.items !== undefined && node.items.length > 1) node.items.sort((a, b) => a.index - b.index);
    }
  }

  /** Every node, ancestors included. */
  all(): IterableIterator<PointerNode> {
    return this.nodes.values();
  }
}
