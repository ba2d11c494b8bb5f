/**
 * CIDR parsing into address intervals, with ipaddr.js doing the address
 * syntax. Ranges are compared as numbers, never as strings.
 */
import ipaddr from 'ipaddr.js';
import type { Family } from '../model/types.js';
import { parsePlainIpv4, parsePlainIpv6 } from './cidr-plain.js';

export { formatIpv6 } from './cidr-plain.js';

export interface ParsedCidr {
  family: Family;
  /** The network address (host bits cleared), canonical text. */
  network: string;
  prefix: number;
  lo: bigint;
  hi: bigint;
  /** False when host bits were set in the input. */
  canonical: boolean;
  /**
   * True for an IPv6 range that lies wholly in the IPv4-mapped block
   * `::ffff:0:0/96` (`::ffff:a.b.c.d/n` with n ≥ 96). It is the network
   * that counts, not the address as written: `::ffff:0:0/0` means `::/0`.
   */
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
  if (/^\d{1,4}(\.\d{1,4}){3}$/.test(address) && address.split('.').some((octet) => /^0\d/.test(octet))) {
    return 'an octet with a leading zero is ambiguous (octal or decimal)';
  }
  if (!address.includes(':') && ipaddr.IPv4.isValid(address)) {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address)) return 'expected four decimal octets';
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

/**
 * The decimal text of an IPv4 CIDR whose octets have leading zeros, when
 * reading them as octal (as some parsers do) gives the same network: then
 * the range means one thing whatever the reader (`000.000.000.000/0`,
 * `010.1.1.1/0`, `10.0.0.07/8`). Undefined for any other text.
 */
export function sameUnderOctal(text: string): string | undefined {
  const match = /^(\d{1,4})\.(\d{1,4})\.(\d{1,4})\.(\d{1,4})\/(\d{1,2})$/.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1, 5) as string[];
  const prefix = Number(match[5]);
  if (prefix > 32 || !octets.some((octet) => octet.length > 1 && octet.startsWith('0'))) return undefined;
  const decimal = octets.map((octet) => Number.parseInt(octet, 10));
  // An octal reader takes an octet with a leading zero as octal (and fails on 8 or 9 in it).
  const octal = octets.map((octet) =>
    !octet.startsWith('0') ? Number.parseInt(octet, 10) : /^0[0-7]*$/.test(octet) ? Number.parseInt(octet, 8) : Number.NaN,
  );
  if ([...decimal, ...octal].some((value) => !(value >= 0 && value <= 255))) return undefined;
  const network = (bytes: number[]): number => {
    const address = bytes.reduce((sum, byte) => sum * 256 + byte, 0);
    return address - (address % 2 ** (32 - prefix));
  };
  if (network(decimal) !== network(octal)) return undefined;
  return `${decimal.join('.')}/${prefix}`;
}

/** Parses a CIDR; undefined when `cidrProblem` has something to say. */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text === 'string') {
    // The IPv4 reader stops at the first character it does not take, so an IPv6 text costs it little.
    const plain = parsePlainIpv4(text) ?? (text.includes(':') ? parsePlainIpv6(text) : undefined);
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
  const ipv4Mapped = family === 6 && prefix >= 96 && lo >> 32n === 0xffffn;
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

/** The number of bits of a non-negative bigint (0 for 0), from one text instead of a loop of shifts. */
function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

/**
 * The size (as a number of host bits) of the largest block that is
 * aligned at `edge` (its start, or the address after its end), holds at
 * most `count` addresses and at most every address: the most that
 * `blockFrom`'s loop reaches, as its two tests only get harder with size.
 */
function blockBits(bits: number, edge: bigint, count: bigint): number {
  const aligned = edge === 0n ? bits : bitLength(edge & -edge) - 1;
  return Math.min(bits, aligned, bitLength(count) - 1);
}

/**
 * The first and last block of `intervalToCidrs(family, lo, hi)` and their
 * number, without listing the blocks between (a wide run can have many).
 * The fewest blocks are the maximal aligned blocks inside the interval, so
 * the first is the largest aligned block that starts at `lo`, and the last
 * the largest aligned block that ends at `hi` and starts at or after `lo`.
 */
export function outerCidrs(
  family: Family,
  lo: bigint,
  hi: bigint,
): { first: string; last: string; single: boolean } {
  const bits = family === 4 ? 32 : 128;
  const count = hi - lo + 1n;
  const firstPrefix = bits - blockBits(bits, lo, count);
  const first = formatCidr(family, lo, firstPrefix);
  if (lo + (1n << BigInt(bits - firstPrefix)) - 1n === hi) return { first, last: first, single: true };
  const size = blockBits(bits, hi + 1n, count);
  return { first, last: formatCidr(family, hi + 1n - (1n << BigInt(size)), bits - size), single: false };
}
