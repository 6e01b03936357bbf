import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');

/** Build output, dependencies and test artifacts: not documentation of this repository. */
const NOT_DOCS = new Set(['.git', 'node_modules', 'dist', 'coverage', 'test-results', '.kueue-local']);

const README_MAX_LINES = 250;

/** Every Markdown file of the repository, relative to its root, with `/` separators. */
function markdownFiles(dir = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
    if (entry.isDirectory() && !NOT_DOCS.has(entry.name)) found.push(...markdownFiles(relative));
    else if (entry.isFile() && entry.name.endsWith('.md')) found.push(relative);
  }
  return found;
}

/** The text with fenced code blocks and inline code blanked out (keeping line numbers): brackets there are not links. */
function withoutCode(text: string): string {
  let fenced = false;
  return text
    .split('\n')
    .map((line) => {
      if (/^\s*```/.test(line)) {
        fenced = !fenced;
        return '';
      }
      return fenced ? '' : line.replace(/(`+)[^`]*?\1/g, '');
    })
    .join('\n');
}

interface Link {
  target: string;
  line: number;
}

function linksIn(text: string): Link[] {
  const links: Link[] = [];
  const patterns = [/\[(?:[^\][]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g, /<(?:img|a)\s[^>]*?(?:src|href)="([^"]+)"/g];
  withoutCode(text)
    .split('\n')
    .forEach((line, index) => {
      for (const pattern of patterns) {
        for (const match of line.matchAll(pattern)) links.push({ target: match[1] ?? '', line: index + 1 });
      }
    });
  return links;
}

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The anchors GitHub gives a document's headings: rendered text, lower case, punctuation dropped, spaces to dashes. */
function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const rendered = (heading[1] ?? '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = rendered.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

function read(file: string): string {
  return readFileSync(path.join(root, file), 'utf8');
}

/** What is wrong with a relative link from `file`, or undefined when it resolves (file and anchor). */
function problemWith(file: string, target: string): string | undefined {
  const [pathPart = '', anchor] = target.split('#', 2);
  const resolved = pathPart === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(pathPart)));
  if (resolved.startsWith('../')) return 'points outside the repository';
  const absolute = path.join(root, resolved);
  if (!existsSync(absolute)) return `${resolved} does not exist`;
  if (anchor === undefined || anchor === '') return undefined;
  if (statSync(absolute).isDirectory() || !resolved.endsWith('.md')) return `#${anchor} on a file that is not Markdown`;
  return anchorsOf(read(resolved)).has(anchor) ? undefined : `${resolved} has no heading #${anchor}`;
}

const docs = markdownFiles();

describe('the repository Markdown', () => {
  it('is found (README.md and the per-area READMEs)', () => {
    expect(docs).toEqual(expect.arrayContaining(['README.md', 'CONTRIBUTING.md', 'kubectl-plugin/README.md', 'extension/README.md', 'bench/README.md']));
  });

  it('has only relative links and images that resolve, anchors included', () => {
    const broken: string[] = [];
    for (const file of docs) {
      for (const link of linksIn(read(file))) {
        if (isExternal(link.target)) continue;
        const problem = problemWith(file, link.target);
        if (problem !== undefined) broken.push(`${file}:${link.line}: ${link.target}: ${problem}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it(`keeps README.md, the users' page, to at most ${README_MAX_LINES} lines`, () => {
    expect(read('README.md').trimEnd().split('\n').length).toBeLessThanOrEqual(README_MAX_LINES);
  });

  it('links the extension README only inside extension/, which is all the .vsix carries', () => {
    const outside = linksIn(read('extension/README.md'))
      .filter((link) => !isExternal(link.target) && !link.target.startsWith('#'))
      .filter((link) => path.posix.normalize(link.target).startsWith('../'))
      .map((link) => `extension/README.md:${link.line}: ${link.target}`);
    expect(outside).toEqual([]);
  });

  it("documents every extension setting once, in the extension README's settings table", () => {
    const manifest = JSON.parse(read('extension/package.json')) as { contributes: { configuration: { properties: Record<string, unknown> } } };
    const rows = (text: string) => [...text.matchAll(/^\|\s*`(kueue\.[\w.]+)`/gm)].map((match) => match[1]);
    expect(rows(read('extension/README.md')).sort()).toEqual(Object.keys(manifest.contributes.configuration.properties).sort());
    for (const file of docs.filter((f) => f !== 'extension/README.md')) expect(rows(read(file)), file).toEqual([]);
  });
});
