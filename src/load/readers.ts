/**
 * Every input shape sglint reads, most specific first. A new shape is one
 * more reader here.
 */
import { API_READERS } from './api-shapes.js';
import type { ShapeReader } from './records.js';
import { hclReader } from './terraform-hcl.js';
import { terraformJsonReader } from './terraform-json.js';

export const READERS: ShapeReader[] = [terraformJsonReader, ...API_READERS];

/** The reader for Terraform `.tf` files, which are HCL and never go through the JSON readers. */
export const HCL_READER: ShapeReader = hclReader;

/** The accepted shapes, for the "unknown shape" message. */
export function acceptedShapes(readers: readonly ShapeReader[] = READERS): string[] {
  return readers.flatMap((reader) => reader.shapes);
}
