/**
 * Makes untrusted text (group names, descriptions, labels) inert for a
 * terminal: control characters, escape sequences and bidirectional
 * overrides are shown as visible `\u{…}` escapes instead of acting.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

export function inert(text: string): string {
  return text.replace(UNSAFE, (character) => `\\u{${(character.codePointAt(0) as number).toString(16)}}`);
}
