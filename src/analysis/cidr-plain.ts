/**
 * Fast readers for the plain CIDR spellings nearly every export uses
 * (`10.0.0.0/8`, `2001:db8::/32`), decided character by character without
 * regular expressions, splits or intermediate arrays. Each reader takes
 * only a subset of the valid texts and returns undefined for anything else;
 * `parseCidrWithIpaddr` then has the final word, and property tests pin
 * both readers against it.
 */
import type { ParsedCidr } from './cidr.js';

const DOT = 46;
const SLASH = 47;
const COLON = 58;
const ZERO = 48;

/** Host masks of IPv6 prefixes 0..128: `HOST_MASKS_V6[prefix]` has the low 128 - prefix bits set. */
const HOST_MASKS_V6: readonly bigint[] = Array.from(
  { length: 129 },
  (_, prefix) => (1n << BigInt(128 - prefix)) - 1n,
);

/**
 * The end of a run of decimal digits starting at `from` that spells a
 * number without a leading zero in at most `maxDigits` digits; -1 when
 * there is no such run.
 */
function decimalEnd(text: string, from: number, maxDigits: number): number {
  let index = from;
  while (index < text.length && index - from <= maxDigits) {
    const digit = text.charCodeAt(index) - ZERO;
    if (digit < 0 || digit > 9) break;
    index += 1;
  }
  const digits = index - from;
  if (digits === 0 || digits > maxDigits || (digits > 1 && text.charCodeAt(from) === ZERO)) return -1;
  return index;
}

/** The value of the decimal digits between `from` and `to`. */
function decimalValue(text: string, from: number, to: number): number {
  let value = 0;
  for (let index = from; index < to; index += 1) value = value * 10 + (text.charCodeAt(index) - ZERO);
  return value;
}

/**
 * Four decimal octets without leading zeros, `/`, and a prefix length
 * without a leading zero; undefined for any other text. One pass over the
 * characters: this runs for nearly every rule of an export.
 */
export function parsePlainIpv4(text: string): ParsedCidr | undefined {
  let value = 0;
  let number = 0;
  let digits = 0;
  let separators = 0;
  let slash = -1;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= ZERO && code <= ZERO + 9) {
      // No leading zero; at most three digits in an octet, two in the prefix length.
      if ((digits === 1 && number === 0) || digits === (separators === 4 ? 2 : 3)) return undefined;
      number = number * 10 + (code - ZERO);
      digits += 1;
    } else if (separators < 4 && code === (separators < 3 ? DOT : SLASH) && digits > 0 && number <= 255) {
      value = value * 256 + number;
      if (code === SLASH) slash = index;
      separators += 1;
      number = 0;
      digits = 0;
    } else {
      return undefined;
    }
  }
  if (separators !== 4 || digits === 0 || number > 32) return undefined;
  const prefix = number;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const lo = (value & mask) >>> 0;
  const hi = (lo | ~mask) >>> 0;
  const canonical = lo === value;
  const low = BigInt(lo);
  return {
    family: 4,
    // Octets without leading zeros are already the canonical text of the address.
    network: canonical ? text.slice(0, slash) : dottedQuad(lo),
    prefix,
    lo: low,
    hi: hi === lo ? low : BigInt(hi),
    canonical,
    ipv4Mapped: false,
    bare: false,
  };
}

/** The dotted-quad text of a 32-bit address. */
function dottedQuad(address: number): string {
  return `${address >>> 24}.${(address >>> 16) & 255}.${(address >>> 8) & 255}.${address & 255}`;
}

/** The value of a hex digit's character code, or -1. */
function hexDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/**
 * Reads the address part `text[0, end)` as 16-bit groups into `words`:
 * eight groups of 1 to 4 hex digits, or at most six around one `::`.
 * False for anything else.
 */
function readIpv6Words(text: string, end: number, words: number[]): boolean {
  let count = 0;
  let gap = -1;
  let index = 0;
  if (end >= 2 && text.charCodeAt(0) === COLON && text.charCodeAt(1) === COLON) {
    gap = 0;
    index = 2;
  }
  while (index < end) {
    const start = index;
    let word = 0;
    while (index < end && index - start < 4) {
      const digit = hexDigit(text.charCodeAt(index));
      if (digit === -1) break;
      word = word * 16 + digit;
      index += 1;
    }
    if (index === start || count === 8) return false;
    words[count] = word;
    count += 1;
    if (index === end) break;
    if (text.charCodeAt(index) !== COLON) return false;
    index += 1;
    if (index < end && text.charCodeAt(index) === COLON) {
      if (gap !== -1) return false;
      gap = count;
      index += 1;
    } else if (index === end) {
      return false;
    }
  }
  if (gap === -1) return count === 8;
  if (count > 6) return false;
  const zeros = 8 - count;
  for (let from = count - 1; from >= gap; from -= 1) words[from + zeros] = words[from] as number;
  for (let at = gap; at < gap + zeros; at += 1) words[at] = 0;
  return true;
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
  let text = '';
  for (let index = 0; index < 8; ) {
    if (index === bestStart) {
      text += '::';
      index += bestLength;
      continue;
    }
    if (index > 0 && index !== bestStart + bestLength) text += ':';
    text += (words[index] as number).toString(16);
    index += 1;
  }
  return text;
}

/** True for the words of `::ffff:a.b.c.d`: five zero words, then 0xffff. */
function isIpv4Mapped(words: readonly number[]): boolean {
  for (let index = 0; index < 5; index += 1) if (words[index] !== 0) return false;
  return words[5] === 0xffff;
}

/** Scratch space for one parse (parses are synchronous): the words as written, masked, and as bytes. */
const WORDS: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
const NETWORK: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
const VALUE_VIEW = new DataView(new ArrayBuffer(16));

/** The 128-bit value of eight 16-bit words. */
function wordsValue(words: readonly number[]): bigint {
  for (let index = 0; index < 8; index += 1) VALUE_VIEW.setUint16(index * 2, words[index] as number);
  const high = VALUE_VIEW.getBigUint64(0) << 64n;
  const low = VALUE_VIEW.getBigUint64(8);
  return low === 0n ? high : high | low;
}

/**
 * Hex groups (eight, or at most six around one `::`), `/`, and a prefix
 * length without a leading zero; undefined for any other text.
 */
export function parsePlainIpv6(text: string): ParsedCidr | undefined {
  const slash = text.indexOf('/');
  if (slash === -1 || decimalEnd(text, slash + 1, 3) !== text.length) return undefined;
  const prefix = decimalValue(text, slash + 1, text.length);
  if (prefix > 128) return undefined;
  const words = WORDS;
  if (!readIpv6Words(text, slash, words)) return undefined;
  const network = NETWORK;
  let canonical = true;
  for (let index = 0; index < 8; index += 1) {
    const kept = Math.min(16, Math.max(0, prefix - 16 * index));
    const word = words[index] as number;
    const masked = kept === 0 ? 0 : word & ((0xffff << (16 - kept)) & 0xffff);
    network[index] = masked;
    if (masked !== word) canonical = false;
  }
  const lo = wordsValue(network);
  const hostMask = HOST_MASKS_V6[prefix] as bigint;
  return {
    family: 6,
    network: formatIpv6(network),
    prefix,
    lo,
    hi: hostMask === 0n ? lo : lo | hostMask,
    canonical,
    // Below /96 the network reaches outside ::ffff:0:0/96 (`::ffff:0:0/0` is ::/0).
    ipv4Mapped: prefix >= 96 && isIpv4Mapped(network),
    bare: false,
  };
}
