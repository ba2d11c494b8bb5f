/**
 * Every input shape sglint reads, most specific first. A new shape is one
 * more reader here.
 */
import { API_READERS } from './api-shapes.js';
import type { ShapeReader } from './records.js';

export const READERS: ShapeReader[] = [...API_READERS];

/** The accepted shapes, for the "unknown shape" message. */
export function acceptedShapes(readers: readonly ShapeReader[] = READERS): string[] {
  return readers.flatMap((reader) => reader.shapes);
}
