/**
 * CIDR parsing into address intervals, with ipaddr.js doing the address
 * syntax. Ranges are compared as numbers, never as strings.
 */
import ipaddr from 'ipaddr.js';
import type { Family } from '../model/types.js';

export interface ParsedCidr {
  family: Family;
  /** The network address (host bits cleared), canonical text. */
  network: string;
  prefix: number;
  lo: bigint;
  hi: bigint;
  /** False when host bits were set in the input. */
  canonical: boolean;
  /** True for an IPv4-mapped IPv6 range (`::ffff:a.b.c.d/n`). */
  ipv4Mapped: boolean;
  /** True when the input had no `/prefix` (a single address). */
  bare: boolean;
}

function bytesToBigInt(bytes: readonly number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

function bigIntToBytes(value: bigint, length: number): number[] {
  const bytes: number[] = new Array<number>(length).fill(0);
  let rest = value;
  for (let index = length - 1; index >= 0; index -= 1) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

/** Why a CIDR text was refused, for messages. */
export function cidrProblem(text: string): string | undefined {
  if (typeof text !== 'string' || text.length === 0) return 'expected a CIDR such as 10.0.0.0/8';
  if (text.includes('%')) return 'a zone index (%…) is not allowed in a CIDR';
  const [address = '', prefix, extra] = text.split('/');
  if (extra !== undefined) return 'expected one "/" between address and prefix length';
  if (prefix !== undefined && !/^\d{1,3}$/.test(prefix)) return 'the prefix length must be a number';
  if (!address.includes(':') && ipaddr.IPv4.isValid(address)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return 'expected four decimal octets';
    if (address.split('.').some((octet) => octet.length > 1 && octet.startsWith('0'))) {
      return 'an octet with a leading zero is ambiguous (octal or decimal)';
    }
    if (prefix === undefined) return 'an IPv4 range needs a prefix length (/0 to /32)';
    if (Number(prefix) > 32) return 'an IPv4 prefix length is at most 32';
    return undefined;
  }
  if (address.includes(':') && ipaddr.IPv6.isValid(address)) {
    if (prefix !== undefined && Number(prefix) > 128) return 'an IPv6 prefix length is at most 128';
    return undefined;
  }
  return 'not an IPv4 or IPv6 address';
}

const PLAIN_IPV4 = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\/(0|[1-9]\d?)$/;

/**
 * The common case, decided without ipaddr.js: four decimal octets without
 * leading zeros and a prefix length. Anything else (or any out-of-range
 * number) is left to the full parser, which has the final word.
 */
function parsePlainIpv4(text: string): ParsedCidr | undefined {
  const match = PLAIN_IPV4.exec(text);
  if (match === null) return undefined;
  const a = Number(match[1]);
  const b = Number(match[2]);
  const c = Number(match[3]);
  const d = Number(match[4]);
  const prefix = Number(match[5]);
  if (a > 255 || b > 255 || c > 255 || d > 255 || prefix > 32) return undefined;
  const value = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const lo = (value & mask) >>> 0;
  const hi = (lo | (~mask >>> 0)) >>> 0;
  return {
    family: 4,
    network: `${lo >>> 24}.${(lo >>> 16) & 255}.${(lo >>> 8) & 255}.${lo & 255}`,
    prefix,
    lo: BigInt(lo),
    hi: BigInt(hi),
    canonical: lo === value,
    ipv4Mapped: false,
    bare: false,
  };
}

const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PLAIN_PREFIX = /^(?:0|[1-9]\d{0,2})$/;

/** The 16-bit groups of a list of hex texts, or undefined when one is not 1 to 4 hex digits. */
function hexGroups(text: string): number[] | undefined {
  if (text === '') return [];
  const groups: number[] = [];
  for (const part of text.split(':')) {
    if (!HEX_GROUP.test(part)) return undefined;
    groups.push(parseInt(part, 16));
  }
  return groups;
}

/** An IPv6 address in the text form RFC 5952 prescribes (as ipaddr.js prints it). */
export function formatIpv6(words: readonly number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (words[start] !== 0) {
      start += 1;
      continue;
    }
    let end = start;
    while (end < 8 && words[end] === 0) end += 1;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = (from: number, to: number): string =>
    words
      .slice(from, to)
      .map((word) => word.toString(16))
      .join(':');
  return bestStart === -1 ? hex(0, 8) : `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

/**
 * The common IPv6 case, decided without ipaddr.js: hex groups (eight, or
 * at most six around one `::`) and a prefix length without leading zeros.
 * Anything else is left to the full parser, which has the final word.
 */
function parsePlainIpv6(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1 || text.indexOf('/', slash + 1) !== -1) return undefined;
  const prefixText = text.slice(slash + 1);
  if (!PLAIN_PREFIX.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  if (prefix > 128) return undefined;
  const address = text.slice(0, slash);
  const gap = address.indexOf('::');
  let words: number[] | undefined;
  if (gap === -1) {
    words = hexGroups(address);
    if (words === undefined || words.length !== 8) return undefined;
  } else {
    if (address.indexOf('::', gap + 1) !== -1) return undefined;
    const head = hexGroups(address.slice(0, gap));
    const tail = hexGroups(address.slice(gap + 2));
    if (head === undefined || tail === undefined || head.length + tail.length > 6) return undefined;
    words = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  }
  const network = words.map((word, index) => {
    const kept = Math.min(16, Math.max(0, prefix - 16 * index));
    return kept === 0 ? 0 : word & ((0xffff << (16 - kept)) & 0xffff);
  });
  const pair = (index: number): bigint =>
    BigInt(((network[index] as number) * 0x10000 + (network[index + 1] as number)) >>> 0);
  const lo = (pair(0) << 96n) | (pair(2) << 64n) | (pair(4) << 32n) | pair(6);
  return {
    family: 6,
    network: formatIpv6(network),
    prefix,
    lo,
    hi: lo | ((1n << BigInt(128 - prefix)) - 1n),
    canonical: network.every((word, index) => word === words[index]),
    ipv4Mapped: words.slice(0, 5).every((word) => word === 0) && words[5] === 0xffff,
    bare: false,
  };
}

/** Parses a CIDR; undefined when `cidrProblem` has something to say. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text === 'string') {
    const plain = text.includes(':') ? parsePlainIpv6(text) : parsePlainIpv4(text);
    if (plain !== undefined) return plain;
  }
  return parseCidrWithIpaddr(text);
}

/** Parses any CIDR text with ipaddr.js (the reference the fast paths above agree with). */
export function parseCidrWithIpaddr(text: string): ParsedCidr | undefined {
  if (cidrProblem(text) !== undefined) return undefined;
  const [address = '', prefixText] = text.split('/');
  const parsed = ipaddr.parse(address);
  const family: Family = parsed.kind() === 'ipv4' ? 4 : 6;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  const value = bytesToBigInt(parsed.toByteArray());
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const lo = value & ~hostMask & ((1n << BigInt(bits)) - 1n);
  const hi = lo | hostMask;
  const networkAddress = ipaddr.fromByteArray(bigIntToBytes(lo, bits / 8));
  const ipv4Mapped = family === 6 && (parsed as ipaddr.IPv6).isIPv4MappedAddress();
  return {
    family,
    network: networkAddress.toString(),
    prefix,
    lo,
    hi,
    canonical: lo === value,
    ipv4Mapped,
    bare: prefixText === undefined,
  };
}

/** Formats an address interval that is one CIDR block back as text. */
export function formatCidr(family: Family, lo: bigint, prefix: number): string {
  const bytes = bigIntToBytes(lo, family === 4 ? 4 : 16);
  return `${ipaddr.fromByteArray(bytes).toString()}/${prefix}`;
}

/** Splits an address interval into the fewest CIDR blocks. */
export function intervalToCidrs(family: Family, lo: bigint, hi: bigint): string[] {
  const bits = family === 4 ? 32 : 128;
  const blocks: string[] = [];
  let start = lo;
  while (start <= hi) {
    const prefix = blockFrom(bits, start, hi);
    blocks.push(formatCidr(family, start, prefix));
    start += 1n << BigInt(bits - prefix);
  }
  return blocks;
}

/** Prefix length of the largest CIDR block that starts at `start` and ends at or before `hi`. */
function blockFrom(bits: number, start: bigint, hi: bigint): number {
  let size = 0;
  while (size < bits) {
    const blockSize = 1n << BigInt(size + 1);
    if ((start & (blockSize - 1n)) !== 0n || start + blockSize - 1n > hi) break;
    size += 1;
  }
  return bits - size;
}

/**
 * The first and last block of `intervalToCidrs(family, lo, hi)` and their
 * number, without listing the blocks between (a wide run can have many).
 * The fewest blocks are the maximal aligned blocks inside the interval, so
 * the last one is the largest aligned block that ends at `hi` and starts
 * at or after `lo`.
 */
export function outerCidrs(
  family: Family,
  lo: bigint,
  hi: bigint,
): { first: string; last: string; single: boolean } {
  const bits = family === 4 ? 32 : 128;
  const firstPrefix = blockFrom(bits, lo, hi);
  const first = formatCidr(family, lo, firstPrefix);
  if (lo + (1n << BigInt(bits - firstPrefix)) - 1n === hi) return { first, last: first, single: true };
  let size = 0;
  while (size < bits) {
    const blockSize = 1n << BigInt(size + 1);
    if (((hi + 1n) & (blockSize - 1n)) !== 0n || hi + 1n - blockSize < lo) break;
    size += 1;
  }
  return { first, last: formatCidr(family, hi + 1n - (1n << BigInt(size)), bits - size), single: false };
}
