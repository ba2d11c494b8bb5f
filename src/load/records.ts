/**
 * What a shape reader hands the model builder: API-shaped objects (camelCase,
 * as the IaaS API returns them) with the place each came from. Every input
 * shape (API export, CLI output, Terraform, live snapshot) is mapped to
 * these records, so normalization and checks exist once.
 */
import type { Position, UnknownField } from '../model/types.js';

export interface RecordSource {
  pointer: string;
  /** Set when the place is not a JSON pointer into the file (e.g. a `.tf` line). */
  position?: Position;
  /** A logical name: Terraform resource address, live project path. */
  logical?: string;
  /** API field name → the field's name in the file (Terraform snake_case). */
  fields?: Readonly<Record<string, string>>;
}

export interface RawRuleRecord extends RecordSource {
  /** The rule in API shape. */
  value: unknown;
  /** Fields unknown until apply; the rule is then not judged on them. */
  unknown?: UnknownField[];
  /** For rules given apart from their group: the key that joins them (group id or Terraform reference). */
  groupRef?: string;
  /**
   * True when the rule came in a list of rules (`rule list`), which holds
   * every rule of its group: a group given without rules is then complete.
   */
  listed?: boolean;
}

export interface RawGroupRecord extends RecordSource {
  /** The group in API shape; its `rules` are ignored when `rules` is given here. */
  value: unknown;
  /** Rules read separately (Terraform); when undefined, `value.rules` is used. */
  rules?: RawRuleRecord[];
  /** Extra keys rules and NICs may use to join this group (Terraform addresses). */
  joinKeys?: string[];
  projectId?: string;
  /** True for a group the input only names (a Terraform data source): it exists, it is managed elsewhere. */
  external?: boolean;
}

export interface RawNicRecord extends RecordSource {
  /** The NIC in API shape (`id`, `name`, `device`, `securityGroups`, `nicSecurity`, …). */
  value: unknown;
  projectId?: string;
  /** Fields unknown until apply. */
  unknown?: ('securityGroups' | 'nicSecurity' | 'device')[];
  /** Extra keys servers may use to name this NIC (Terraform addresses). */
  joinKeys?: string[];
}

export interface RawServerRecord extends RecordSource {
  /** The server in API shape (`id`, `name`, `nics`). */
  value: unknown;
  projectId?: string;
  /** NICs of the server named by id or join key (Terraform `network_interfaces`). */
  nicRefs?: string[];
}

/** Prefix of the join keys Terraform readers make from resource addresses (never a real group id). */
export const TERRAFORM_KEY = 'terraform:';

/** Everything one document contributed. */
export interface ReadResult {
  groups: RawGroupRecord[];
  /** Rules that came without their group (rule lists). */
  rules: RawRuleRecord[];
  nics: RawNicRecord[];
  servers: RawServerRecord[];
  /** True when the document lists whole projects, so a missing remote group is really missing. */
  complete: boolean;
  /** Non-fatal notes about the document (e.g. values a plan knows only after apply). */
  notes?: string[];
}

export function emptyReadResult(): ReadResult {
  return { groups: [], rules: [], nics: [], servers: [], complete: false };
}

/** A reader for one family of input shapes. */
export interface ShapeReader {
  /** Shown in the "unknown shape" message, e.g. `an API list {"items":[group…]}`. */
  shapes: string[];
  /** True when this reader takes the document. */
  accepts(value: unknown, path: string): boolean;
  read(value: unknown, path: string): ReadResult;
}
