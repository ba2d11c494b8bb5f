/**
 * Positions inside `.tf` files. hcl2json loses line numbers, so this small
 * scanner reads the HCL text itself: it knows strings (with `${…}`
 * templates), heredocs and comments, and records where each block and
 * attribute (and each key of an object-valued attribute) starts and ends,
 * under a pointer such as `/resource/stackit_security_group_rule/ssh/port_range/min`.
 */
import type { Position } from '../model/types.js';
import { pointerSegment } from '../model/normalize.js';
import { toPositions } from './positions.js';

type Kind = 'ident' | 'string' | 'newline' | 'punct' | 'other' | 'eof';

interface Token {
  kind: Kind;
  text: string;
  start: number;
  end: number;
}

const PUNCT = new Set(['{', '}', '[', ']', '(', ')', '=', ',', ':']);

function skipTemplateString(text: string, from: number): number {
  let index = from + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
    } else if (char === '"') {
      return index + 1;
    } else if ((char === '$' || char === '%') && text[index + 1] === '{' && text[index - 1] !== char) {
      index = skipBraces(text, index + 1);
    } else if (char === '\n') {
      return index;
    } else {
      index += 1;
    }
  }
  return index;
}

/** From an opening brace inside a template, to just after its closing brace. */
function skipBraces(text: string, from: number): number {
  let depth = 0;
  let index = from;
  while (index < text.length) {
    const char = text[index];
    if (char === '"') {
      index = skipTemplateString(text, index);
      continue;
    }
    if (char === '{') depth += 1;
    if (char === '}') {
      depth -= 1;
      if (depth === 0) return index + 1;
    }
    index += 1;
  }
  return index;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const push = (kind: Kind, start: number, end: number): void => {
    tokens.push({ kind, text: text.slice(start, end), start, end });
    index = end;
  };
  while (index < text.length) {
    const char = text[index] as string;
    const next = text[index + 1];
    if (char === '\n') push('newline', index, index + 1);
    else if (char === ' ' || char === '\t' || char === '\r') index += 1;
    else if (char === '#' || (char === '/' && next === '/')) {
      const end = text.indexOf('\n', index);
      index = end === -1 ? text.length : end;
    } else if (char === '/' && next === '*') {
      const end = text.indexOf('*/', index + 2);
      index = end === -1 ? text.length : end + 2;
    } else if (char === '"') push('string', index, skipTemplateString(text, index));
    else if (char === '<' && next === '<' && /^<<-?[A-Za-z_]/.test(text.slice(index, index + 4))) {
      const match = /^<<-?([A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(index)) as RegExpExecArray;
      const marker = new RegExp(`\\n[ \\t]*${match[1] as string}[ \\t]*(?=\\r?\\n|$)`, 'g');
      marker.lastIndex = index;
      const found = marker.exec(text);
      push('string', index, found === null ? text.length : found.index + found[0].length);
    } else if (/[A-Za-z_]/.test(char)) {
      const match = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(index, index + 256)) as RegExpExecArray;
      push('ident', index, index + match[0].length);
    } else if ((char === '=' && (next === '=' || next === '>')) || ('!<>'.includes(char) && next === '=')) {
      push('other', index, index + 2);
    } else if (PUNCT.has(char)) push('punct', index, index + 1);
    else push('other', index, index + 1);
  }
  tokens.push({ kind: 'eof', text: '', start: text.length, end: text.length });
  return tokens;
}

type Spans = Map<string, { start: number; end: number }>;

class Scanner {
  index = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly spans: Spans,
  ) {}

  private get token(): Token {
    return this.tokens[this.index] as Token;
  }

  private is(text: string): boolean {
    return this.token.kind === 'punct' && this.token.text === text;
  }

  /** Reads attributes and blocks until `}` or the end. */
  body(path: string): void {
    while (this.token.kind !== 'eof' && !this.is('}')) {
      const token = this.token;
      if (token.kind !== 'ident') {
        this.index += 1;
        continue;
      }
      this.index += 1;
      if (this.is('=')) {
        this.index += 1;
        const end = this.expression(`${path}/${pointerSegment(token.text)}`, ['newline']);
        this.spans.set(`${path}/${pointerSegment(token.text)}`, { start: token.start, end });
        continue;
      }
      let blockPath = `${path}/${pointerSegment(token.text)}`;
      while (this.token.kind === 'string' || this.token.kind === 'ident') {
        const label = this.token.kind === 'string' ? this.token.text.slice(1, -1) : this.token.text;
        blockPath += `/${pointerSegment(label)}`;
        this.index += 1;
      }
      if (!this.is('{')) continue;
      this.index += 1;
      this.body(blockPath);
      const end = this.token.end;
      if (this.is('}')) this.index += 1;
      this.spans.set(blockPath, { start: token.start, end });
    }
  }

  /** Reads one expression; returns where it ends. Object values record their keys under `path`. */
  private expression(path: string, stops: string[]): number {
    if (this.is('{')) return this.object(path);
    let depth = 0;
    let end = this.token.start;
    while (this.token.kind !== 'eof') {
      const token = this.token;
      if (depth === 0 && (stops.includes(token.kind) || stops.includes(token.text) || this.is('}'))) break;
      if (token.kind === 'punct' && '([{'.includes(token.text)) depth += 1;
      if (token.kind === 'punct' && ')]}'.includes(token.text)) depth -= 1;
      if (depth < 0) break;
      end = token.end;
      this.index += 1;
    }
    return end;
  }

  private object(path: string): number {
    this.index += 1;
    while (this.token.kind !== 'eof' && !this.is('}')) {
      const token = this.token;
      if (token.kind === 'newline' || this.is(',')) {
        this.index += 1;
        continue;
      }
      this.index += 1;
      if ((token.kind === 'ident' || token.kind === 'string') && (this.is('=') || this.is(':'))) {
        this.index += 1;
        const key = token.kind === 'string' ? token.text.slice(1, -1) : token.text;
        const keyPath = `${path}/${pointerSegment(key)}`;
        const end = this.expression(keyPath, ['newline', ',']);
        this.spans.set(keyPath, { start: token.start, end });
      }
    }
    const end = this.token.end;
    if (this.is('}')) this.index += 1;
    return end;
  }
}

function scan(text: string): Spans {
  const spans: Spans = new Map();
  new Scanner(tokenize(text), spans).body('');
  return spans;
}

/** Offset in the text of each block and attribute pointer (for ordering what hcl2json sorted by name). */
export function hclOffsets(text: string): Map<string, number> {
  return new Map([...scan(text)].map(([pointer, span]) => [pointer, span.start]));
}

/** Positions of pointers in a `.tf` text; a pointer not found falls back to its nearest parent. */
export function locateHclPointers(text: string, pointers: readonly string[]): Map<string, Position> {
  return toPositions(text, pointers, scan(text));
}
