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

/** Pointers (and so every ancestor of each) as a tree rooted at the whole document. */
export class PointerTree {
  readonly root = new PointerNode('', undefined, -1);
  private readonly nodes = new Map<string, PointerNode>([['', this.root]]);

  /**
   * The node of `pointer`, created with its missing ancestors. A string
   * that is not a pointer (no leading `/`) gets a node no value matches,
   * so it falls back to the root.
   */
  add(pointer: string): PointerNode {
    const known = this.nodes.get(pointer);
    if (known !== undefined) return known;
    if (!pointer.startsWith('/')) {
      const stray = new PointerNode(pointer, this.root, -1);
      this.nodes.set(pointer, stray);
      return stray;
    }
    // Walk up to the nearest known ancestor, then create the missing ones downwards.
    const ends: number[] = [];
    let cut = pointer.length;
    let parent: PointerNode | undefined;
    do {
      ends.push(cut);
      cut = pointer.lastIndexOf('/', cut - 1);
      parent = cut === 0 ? this.root : this.nodes.get(pointer.slice(0, cut));
    } while (parent === undefined);
    for (let at = ends.length - 1; at >= 0; at -= 1) {
      const end = ends[at] as number;
      const prefix = end === pointer.length ? pointer : pointer.slice(0, end);
      parent = this.child(parent, prefix, pointer.slice(cut + 1, end));
      cut = end;
    }
    return parent;
  }

  private child(parent: PointerNode, pointer: string, segment: string): PointerNode {
    const node = new PointerNode(pointer, parent, ARRAY_INDEX.test(segment) ? Number(segment) : -1);
    (parent.keys ??= new Map()).set(segment, node);
    if (node.index >= 0) (parent.items ??= []).push(node);
    this.nodes.set(pointer, node);
    return node;
  }

  /** Sorts each node's array members by index, as the scan meets them in that order. */
  seal(): void {
    for (const node of this.nodes.values()) {
      if (node.items !== undefined && node.items.length > 1) node.items.sort((a, b) => a.index - b.index);
    }
  }

  /** Every node, ancestors included. */
  all(): IterableIterator<PointerNode> {
    return this.nodes.values();
  }
}
