/** YAML's infinities and not-a-number, which a number may legitimately stand for. */
const SPECIAL_FLOAT = /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/;
const DECIMAL = /^([-+]?)(\d*)(?:\.(\d*))?(?:[eE]([-+]?\d+))?$/;

/**
 * Why the number written as `source` cannot be kept exactly once read into a JavaScript number (so it
 * would be printed differently, or as `null` in JSON), or undefined when it can. Spellings other than
 * decimals (hexadecimal, octal, base 60) are exact whenever their value is a safe integer.
 */
export function inexactNumber(source: string, value: number): string | undefined {
  if (SPECIAL_FLOAT.test(source)) return undefined;
  // Integers in any base (YAML 1.1 reads 0777 as octal) are exact while they are safe.
  if (isIntegerText(source) && Number.isSafeInteger(value)) return undefined;
  if (!Number.isFinite(value)) return `the number ${source} is beyond what a 64-bit float holds (it would become ${String(value)})`;
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    const decimal = decimalDigits(source);
    if (decimal === undefined || decimal.exponent >= 0 || !isIntegerText(source)) {
      return `the integer ${source} is larger than 2^53 and would be rounded to ${value.toLocaleString('en-US', { useGrouping: false })}`;
    }
  }
  const written = decimalDigits(source);
  if (written === undefined) return undefined;
  const kept = decimalDigits(String(value));
  if (kept === undefined || kept.digits !== written.digits || kept.exponent !== written.exponent || kept.negative !== written.negative) {
    return `the number ${source} has more precision than a 64-bit float keeps (it would become ${String(value)})`;
  }
  return undefined;
}

function isIntegerText(source: string): boolean {
  return /^[-+]?\d+$/.test(source.replace(/_/g, ''));
}

/** A decimal as its significant digits and a power of ten, so `1e3`, `1000` and `1000.0` compare equal. */
function decimalDigits(text: string): { negative: boolean; digits: string; exponent: number } | undefined {
  const match = DECIMAL.exec(text.replace(/_/g, ''));
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = '', power = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  let digits = (whole + fraction).replace(/^0+/, '');
  let exponent = Number(power) - fraction.length;
  const trailing = /0+$/.exec(digits)?.[0].length ?? 0;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  if (digits === '') return { negative: false, digits: '0', exponent: 0 };
  return { negative: sign === '-', digits, exponent };
}
