/**
 * Makes untrusted text (group names, descriptions, labels) inert for a
 * terminal: control characters, escape sequences and bidirectional
 * overrides are shown as visible `\u{…}` escapes instead of acting.
 */

/** Characters beyond C0 that a terminal or log viewer may act on: C1 controls, bidi marks, separators. */
const ACTIVE_BEYOND_C0 =
  '\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff';
const UNSAFE = new RegExp(`[\\u0000-\\u001f${ACTIVE_BEYOND_C0}]`, 'gu');
const JSON_UNSAFE = new RegExp(`[${ACTIVE_BEYOND_C0}]`, 'gu');

export function inert(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`);
}

/**
 * Escapes, in JSON text, the characters `JSON.stringify` leaves raw but a
 * terminal or CI log may act on. The values stay the same: `\u202e` in a
 * JSON string is the character itself once parsed.
 */
export function jsonSafe(json: string): string {
  // Every character to escape is U+007F or above; text whose UTF-8 form is as long as it
  // holds none above U+007F, and that check and the search for U+007F run at memory speed.
  if (json.indexOf('\u007f') === -1 && Buffer.byteLength(json, 'utf8') === json.length) return json;
  return json.replace(
    JSON_UNSAFE,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
