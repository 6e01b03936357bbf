const SIMPLE: Record<string, string> = { a: '\u0007', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/**
 * A quoted literal of a template (`"\t"`, `'x'`) as Go's strconv unquotes it, single quotes allowed as kubectl
 * allows them: \a \b \f \n \r \t \v \\, the quote itself, \xHH, \uHHHH, \UHHHHHHHH and three octal digits.
 * Undefined when an escape is invalid.
 */
export function unquoteLiteral(literal: string): string | undefined {
  const quote = literal[0];
  if (literal.length < 2 || (quote !== '"' && quote !== "'") || literal.at(-1) !== quote) return undefined;
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (c !== '\\') {
      if (c === quote) return undefined;
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const simple = SIMPLE[e];
    if (simple !== undefined) out += simple;
    else if (e === quote) out += e;
    else if (e === 'x' || e === 'u' || e === 'U') {
      const digits = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 1, i + 1 + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (code > 0x10ffff) return undefined;
      out += e === 'x' ? String.fromCharCode(code) : String.fromCodePoint(code);
      i += digits;
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(i, i + 3);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(oct, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}
