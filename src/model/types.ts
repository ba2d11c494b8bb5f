/**
 * The normalized model every check runs on. Loaders turn each input shape
 * (API export, CLI output, Terraform, live snapshot) into these objects;
 * rules read them and never see raw JSON text.
 */

export type Direction = 'ingress' | 'egress';
export type Family = 4 | 6;
export type Severity = 'error' | 'warning' | 'note';

/** Where a model object came from: a loaded file and a JSON pointer into it. */
export interface SourceRef {
  /** Index into `Model.files`. */
  file: number;
  /** RFC 6901 JSON pointer of the object inside the file ('' = whole document). */
  pointer: string;
  /**
   * Set when the position is known without a JSON pointer (for example a
   * line in a `.tf` file); otherwise the engine resolves `pointer`.
   */
  position?: Position;
  /** A logical name for the object where the file is not the whole story (Terraform address, live project path). */
  logical?: string;
  /**
   * API field name → the name the object uses in its file (Terraform's
   * snake_case), so pointers built from API field names still resolve.
   */
  fields?: Readonly<Record<string, string>>;
}

export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface SourceFile {
  /** Path as the user should see it (relative to the working directory where possible, forward slashes). */
  path: string;
  /** Raw text; kept so positions can be computed lazily for reported objects only. */
  text: string;
  /** How the file was read. */
  format: 'json' | 'hcl' | 'live';
}

/** An inclusive integer interval. */
export interface Interval {
  lo: number;
  hi: number;
}

/**
 * The remote side of a rule, as an inclusive interval on the remote axis
 * of its family (see `src/analysis/space.ts`): addresses first, then one
 * point per remote security group. `every` covers both.
 */
export type Remote =
  | { kind: 'every'; reason: 'absent' | 'cidr' }
  | { kind: 'cidr'; cidr: string; network: string; prefix: number; lo: bigint; hi: bigint }
  | { kind: 'group'; groupId: string };

/** A value the input does not know yet (Terraform plan values known only after apply). */
export type UnknownField = 'protocol' | 'ports' | 'icmp' | 'remote' | 'direction' | 'ethertype' | 'group';

export interface SecurityGroupRule {
  /** Unique key inside the model. */
  key: string;
  /** The API id, when the input has one. */
  id: string | undefined;
  /** Key of the owning group in the model. */
  groupKey: string;
  /** Position of the rule among its group's rules in input order. */
  index: number;
  description: string | undefined;
  source: SourceRef;

  direction: Direction;
  family: Family;
  /** IP protocol number, or null for every protocol. */
  protocol: number | null;
  /** Destination port range for port protocols; null = every port. */
  ports: Interval | null;
  /** ICMP type/code; null = every type and code. */
  icmp: { type: number; code: number } | null;
  remote: Remote;

  /**
   * False when the rule cannot be analysed as traffic (it is invalid, its
   * family disagrees with its range, or a value is unknown); set analysis
   * then leaves it out instead of guessing.
   */
  analysable: boolean;
  /** Problems found while normalizing; reported by `invalid-rule` and friends. */
  problems: RuleProblem[];
  /** Fields whose value is unknown until apply (Terraform plans). */
  unknown: UnknownField[];
}

export type RuleProblemKind =
  | 'invalid'
  | 'ethertype-mismatch'
  | 'non-canonical-cidr';

export interface RuleProblem {
  kind: RuleProblemKind;
  message: string;
  /** JSON pointer of the offending value, relative to the file (absolute pointer). */
  pointer: string;
}

export interface SecurityGroup {
  key: string;
  id: string | undefined;
  name: string;
  description: string | undefined;
  labels: Record<string, string>;
  stateful: boolean;
  rules: SecurityGroupRule[];
  source: SourceRef;
  /**
   * False when the input did not carry the group's rules at all (only
   * rules of it were seen, or the list omitted them); group-level checks
   * that need every rule stay silent then.
   */
  rulesKnown: boolean;
  /** Project the group belongs to, when known (live mode, Terraform). */
  projectId: string | undefined;
  /**
   * Other names that stand for the group in the input (Terraform resource
   * addresses), used by rules and NICs that name it before its id is known.
   */
  refs?: string[];
  /**
   * True for a group the input only names as existing and managed elsewhere
   * (a Terraform data source); checks about its own use stay silent.
   */
  external?: boolean;
  /** True for a group a `.tf` module call receives: the module may attach it to NICs. */
  passedToModule?: boolean;
}

export interface NetworkInterface {
  key: string;
  id: string | undefined;
  name: string | undefined;
  /** Server (device) id the NIC is attached to. */
  device: string | undefined;
  /** Server name, when server data was loaded. */
  serverName: string | undefined;
  /**
   * Security groups on the NIC, by id or by one of a group's `refs`
   * (Terraform); null when unknown.
   */
  securityGroups: string[] | null;
  /** False turns off every security group on the NIC. */
  nicSecurity: boolean;
  ipv4: string | undefined;
  ipv6: string | undefined;
  publicIp: string | undefined;
  source: SourceRef;
  projectId: string | undefined;
}

/** A problem with the input itself that is not about one rule. */
export interface LoadProblem {
  file: string;
  message: string;
  line?: number;
  column?: number;
  /** True for problems that make the run an input error (exit 2). */
  fatal: boolean;
}

export interface Model {
  files: SourceFile[];
  groups: SecurityGroup[];
  nics: NetworkInterface[];
  /**
   * True when the input holds whole projects (a full group list), so that
   * a remote group id that is not in it is really unknown.
   */
  complete: boolean;
  /** True when NIC data was loaded (attachment checks need it). */
  hasAttachments: boolean;
  problems: LoadProblem[];
}
