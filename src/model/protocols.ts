/**
 * IP protocols as the STACKIT API names them. The API accepts these 22
 * names (IaaS v2 `ProtocolName`) or any number 0..255; a name and a number
 * are the same protocol, so checks only ever compare numbers.
 */
export const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = Object.freeze({
  icmp: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  dccp: 33,
  'ipv6-encap': 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  ospf: 89,
  vrrp: 112,
  pgm: 113,
  sctp: 132,
  udplite: 136,
});

const NAMES_BY_NUMBER = new Map<number, string>(
  Object.entries(PROTOCOL_NUMBERS).map(([name, number]) => [number, name]),
);

export const TCP = 6;
export const UDP = 17;
export const ICMP = 1;
export const ICMPV6 = 58;

/** Protocols whose rules may carry a port range (the destination port). */
export const PORT_PROTOCOLS: ReadonlySet<number> = new Set([6, 17, 33, 132, 136]);

/** Protocols whose rules may carry ICMP type and code. */
export const ICMP_PROTOCOLS: ReadonlySet<number> = new Set([ICMP, ICMPV6]);

/** What a protocol number may carry, by number: a table read costs less than a set lookup per rule. */
const CARRIES_PORTS = 1;
const CARRIES_ICMP = 2;
const CARRIES = new Uint8Array(256);
for (const number of PORT_PROTOCOLS) CARRIES[number] = CARRIES_PORTS;
for (const number of ICMP_PROTOCOLS) CARRIES[number] = CARRIES_ICMP;

/** True for a protocol number in PORT_PROTOCOLS. */
export function isPortProtocol(number: number): boolean {
  return CARRIES[number] === CARRIES_PORTS;
}

/** True for a protocol number in ICMP_PROTOCOLS. */
export function isIcmpProtocol(number: number): boolean {
  return CARRIES[number] === CARRIES_ICMP;
}

/** The API name of a protocol number, or the number itself as text. */
export function protocolName(number: number): string {
  return NAMES_BY_NUMBER.get(number) ?? String(number);
}

/** True when the API has a name for the protocol number. */
export function hasProtocolName(number: number): boolean {
  return NAMES_BY_NUMBER.has(number);
}

/** How messages name a protocol: its API name, or `protocol N` when it has none. */
export function protocolText(number: number): string {
  return NAMES_BY_NUMBER.get(number) ?? `protocol ${number}`;
}

const NUMBERS_BY_NAME = new Map<string, number>(Object.entries(PROTOCOL_NUMBERS));

/** The protocol number for an API name spelled exactly as the API does (every API name is lower-case), or undefined. */
export function exactProtocolNumber(name: string): number | undefined {
  return NUMBERS_BY_NAME.get(name);
}

/** The protocol number for an API name (case-insensitive), or undefined. */
export function protocolNumber(name: string): number | undefined {
  return NUMBERS_BY_NAME.get(name) ?? NUMBERS_BY_NAME.get(name.toLowerCase());
}
