import { type TemplateNode, type TemplatePart, TemplateSyntaxError } from './template-syntax.js';
import { unquoteLiteral } from './unquote-literal.js';

const SLICE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const DICT_KEY = /^'([^']*)'$/;
const COMPARISON = /^([^!<>=]+)([!<>=~]+)(.+?)$/;

const isEndOfLine = (c: string) => c === '\r' || c === '\n';
const isAlphaNumeric = (c: string) => /^[\p{L}\p{Nd}_]$/u.test(c);
/** Where a field name ends unless escaped with a backslash (`.metadata.labels.flyte\.org/run`). */
const isTerminator = (c: string | undefined) => c === undefined || ' \t\r\n.,[]$@{}'.includes(c);

/** Parses a whole template: text with `{...}` actions. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let pos = 0;
  while (pos < template.length) {
    const open = template.indexOf('{', pos);
    if (open < 0) {
      parts.push({ kind: 'text', text: template.slice(pos) });
      break;
    }
    if (open > pos) parts.push({ kind: 'text', text: template.slice(pos, open) });
    const parser = new ActionParser(template, open + 1);
    parts.push({ kind: 'action', nodes: parser.parseUntilClose(), position: open });
    pos = parser.pos;
  }
  return parts;
}

/** Parses the inside of one action, `{` already consumed, up to and including its `}`. */
class ActionParser {
  readonly nodes: TemplateNode[] = [];

  constructor(
    private readonly input: string,
    public pos: number,
    /** Nested parsers (union branches, filter sides) stop at the end of their text instead of at `}`. */
    private readonly end = input.length,
    private readonly nested = false,
  ) {}

  parseUntilClose(): TemplateNode[] {
    for (;;) {
      const rest = this.input.slice(this.pos, this.end);
      if (this.nested && rest === '') return this.nodes;
      if (rest.startsWith('}')) {
        this.pos++;
        return this.nodes;
      }
      if (rest.startsWith('[?(')) this.parseFilter();
      else if (rest.startsWith('..')) this.parseRecursive();
      else this.parseOne();
    }
  }

  private fail(message: string, at = this.pos): never {
    throw new TemplateSyntaxError(message, at);
  }

  private parseOne(): void {
    const c = this.input[this.pos];
    if (c === undefined || this.pos >= this.end || isEndOfLine(c)) this.fail('unclosed action: expected "}"');
    if (c === ' ' || c === '@' || c === '$') {
      this.pos++;
    } else if (c === '[') {
      this.parseArray();
    } else if (c === '"' || c === "'") {
      this.parseQuote(c);
    } else if (c === '.') {
      this.pos++;
      this.parseField();
    } else if (c === '+' || c === '-' || /\d/.test(c)) {
      this.parseNumber();
    } else if (isAlphaNumeric(c)) {
      this.parseIdentifier();
    } else {
      this.fail(`unexpected character ${JSON.stringify(c)}: expected a path (.field, [index], [?(filter)], ..field), a quoted string, range or end`);
    }
  }

  private scanWhile(keep: (c: string) => boolean): string {
    const start = this.pos;
    while (this.pos < this.end && keep(this.input[this.pos] ?? '')) this.pos++;
    return this.input.slice(start, this.pos);
  }

  private parseIdentifier(): void {
    const word = this.scanWhile((c) => !isTerminator(c));
    this.nodes.push(word === 'true' || word === 'false' ? { kind: 'bool', value: word === 'true' } : { kind: 'identifier', name: word });
  }

  private parseRecursive(): void {
    if (this.nodes.at(-1)?.kind === 'recursive') this.fail('two recursive descents ("..") in a row');
    this.pos += 2;
    this.nodes.push({ kind: 'recursive' });
    if (isAlphaNumeric(this.input[this.pos] ?? '')) this.parseField();
  }

  private parseField(): void {
    const start = this.pos;
    while (this.pos < this.end) {
      const c = this.input[this.pos];
      if (c === '\\') this.pos += 2;
      else if (isTerminator(c)) break;
      else this.pos++;
    }
    const name = this.input.slice(start, Math.min(this.pos, this.end));
    this.nodes.push(name === '*' ? { kind: 'wildcard' } : { kind: 'field', name: name.replaceAll('\\', '') });
  }

  private parseNumber(): void {
    const start = this.pos;
    if (this.input[this.pos] === '+' || this.input[this.pos] === '-') this.pos++;
    this.scanWhile((c) => c === '.' || /\d/.test(c));
    const text = this.input.slice(start, this.pos);
    if (/^[+-]?\d+$/.test(text)) this.nodes.push({ kind: 'int', value: Number(text) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) this.nodes.push({ kind: 'float', value: Number(text) });
    else this.fail(`"${text}" is not a number`, start);
  }

  private parseQuote(quote: string): void {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.input[this.pos];
      if (c === undefined || this.pos >= this.end || c === '\n') this.fail(`unterminated quoted string: expected a closing ${quote}`, start);
      this.pos++;
      if (c === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const literal = this.input.slice(start, this.pos);
    const text = unquoteLiteral(literal);
    if (text === undefined) this.fail(`invalid escape in quoted string ${literal}`, start);
    this.nodes.push({ kind: 'text', text });
  }

  private parseArray(): void {
    const start = this.pos;
    const close = this.input.indexOf(']', start);
    const newline = this.input.indexOf('\n', start);
    if (close < 0 || close >= this.end || (newline >= 0 && newline < close)) this.fail('unterminated array index: expected "]"', start);
    this.pos = close + 1;
    let text = this.input.slice(start + 1, close);
    if (text === '*') text = ':';
    const pieces = text.split(',');
    if (pieces.length > 1) {
      let offset = start + 1;
      const branches = pieces.map((piece) => {
        const trimmed = piece.trim();
        const branch = this.subParse(`[${trimmed}]`, offset + piece.indexOf(trimmed) - 1);
        offset += piece.length + 1;
        return branch;
      });
      this.nodes.push({ kind: 'union', branches });
      return;
    }
    const key = DICT_KEY.exec(text);
    if (key) {
      // kubectl reads ['a.b'] as .a.b: the quotes only allow characters a bare field would end at.
      this.nodes.push(...this.subParse(`.${key[1] ?? ''}`, start + 1));
      return;
    }
    const slice = SLICE.exec(text);
    if (!slice) this.fail(`invalid array index [${text}]: expected [N], [START:END:STEP], [*], ['key'], [A,B] or [?(filter)]`, start);
    const number = (part: string | undefined) => (part === undefined || part.replace(':', '') === '' ? undefined : Number(part.replace(':', '')));
    const first = number(slice[1]);
    const hasColon = slice[2] !== undefined;
    this.nodes.push({
      kind: 'array',
      start: first,
      // [N] alone selects one element: its end is N+1, derived, as kubectl computes it (so [-1] is the last).
      end: hasColon ? number(slice[2]) : first === undefined ? undefined : first + 1,
      endDerived: !hasColon && first !== undefined,
      step: number(slice[3]),
    });
  }

  private parseFilter(): void {
    const start = this.pos;
    this.pos += 3;
    let opened: string | undefined;
    let closed = false;
    for (;;) {
      const c = this.input[this.pos];
      if (c === undefined || this.pos >= this.end || c === '\n') this.fail('unterminated filter: expected ")]"', start);
      this.pos++;
      if (c === '"' || c === "'") {
        if (opened === undefined) opened = c;
        else if (c === opened && this.input[this.pos - 2] !== '\\') closed = true;
      } else if (c === ')' && (opened === undefined) === !closed) {
        break;
      }
    }
    if (this.input[this.pos] !== ']') this.fail('unclosed filter: expected "]" after ")"');
    this.pos++;
    const text = this.input.slice(start + 3, this.pos - 2);
    const comparison = COMPARISON.exec(text);
    if (!comparison) {
      this.nodes.push({ kind: 'filter', left: this.subParse(text, start + 3), right: [], operator: 'exists' });
      return;
    }
    const [, left = '', operator = '', right = ''] = comparison;
    if (!['==', '!=', '<', '>', '<=', '>=', '=~'].includes(operator)) this.fail(`unknown filter operator "${operator}": expected ==, !=, <, >, <= or >=`, start + 3 + left.length);
    this.nodes.push({
      kind: 'filter',
      left: this.subParse(left, start + 3),
      right: this.subParse(right, start + 3 + left.length + operator.length),
      operator,
    });
  }

  /** Parses `text` as the inside of an action; errors point into the whole template at `at`. */
  private subParse(text: string, at: number): TemplateNode[] {
    try {
      const parser = new ActionParser(text, 0, text.length, true);
      return parser.parseUntilClose();
    } catch (err) {
      if (err instanceof TemplateSyntaxError) throw new TemplateSyntaxError(err.message, at + err.position);
      throw err;
    }
  }
}
