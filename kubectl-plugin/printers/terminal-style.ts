import { type Writable } from 'node:stream';
import { isTerminal } from '../cli/io-streams.js';

/** How output may be decorated: colour only on a terminal and never with NO_COLOR; Unicode unless asked not to. */
export interface TerminalStyle {
  color: boolean;
  unicode: boolean;
}

/** The style for output written to `stream`. */
export function terminalStyle(options: { ascii?: boolean }, stream: Writable, env: NodeJS.ProcessEnv = process.env): TerminalStyle {
  const color = isTerminal(stream) && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb';
  const locale = characterLocale(env);
  // Without a locale at all (CI, containers) Unicode still renders almost everywhere; an explicit non-UTF-8
  // locale or --ascii asks for plain ASCII.
  const unicode = !options.ascii && (locale === '' || /utf-?8/i.test(locale));
  return { color, unicode };
}

/** The locale that decides the character set, in POSIX order: the first non-empty of LC_ALL, LC_CTYPE, LANG. */
export function characterLocale(env: NodeJS.ProcessEnv): string {
  for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG']) {
    const value = env[name];
    if (value !== undefined && value !== '') return value;
  }
  return '';
}

const CODES = { red: 31, green: 32, yellow: 33, blue: 34, magenta: 35, cyan: 36, gray: 90 } as const;
export type Colour = keyof typeof CODES;

export function paint(text: string, colour: Colour | undefined, style: TerminalStyle): string {
  return style.color && colour ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}
