import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../extension/src/command-ids.js';
import { DEFAULT_CONCURRENCY } from '../../../shared/executor/index.js';

const { convertToSequential: CONVERT_COMMAND, revertToParallel: REVERT_COMMAND, convertFiles: CONVERT_FILES_COMMAND, revertFiles: REVERT_FILES_COMMAND } = COMMANDS;

const root = path.resolve(import.meta.dirname, '..', '..', '..');

interface Manifest {
  engines: { vscode: string };
  main: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default: unknown }> };
  };
}

const manifest = JSON.parse(readFileSync(path.join(root, 'extension', 'package.json'), 'utf8')) as Manifest;
const rootPackage = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };

describe('extension manifest', () => {
  it('gives the in-process executor the concurrency of kubectl kueue executor', () => {
    expect(manifest.contributes.configuration.properties['kueue.executor.concurrency']?.default).toBe(DEFAULT_CONCURRENCY);
  });

  it('contributes every command the code registers, each with a category, and menus only name those', () => {
    const contributed = manifest.contributes.commands.map((c) => c.command);
    expect([...contributed].sort()).toEqual(Object.values(COMMANDS).sort());
    for (const command of manifest.contributes.commands) expect(command.category).toBe('Kueue');
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const entry of entries) expect(contributed, `${menu} names ${entry.command}`).toContain(entry.command);
    }
  });

  it('puts convert/revert in the YAML editor context menu where they apply and convert/revert file(s) in the explorer for YAML files and folders', () => {
    const editor = manifest.contributes.menus['editor/context'] ?? [];
    expect(editor.map((e) => [e.command, e.when])).toEqual([
      [CONVERT_COMMAND, 'resourceLangId == yaml && kueue.canConvert'],
      [REVERT_COMMAND, 'resourceLangId == yaml && kueue.canRevert'],
    ]);
    const explorer = manifest.contributes.menus['explorer/context'] ?? [];
    expect(explorer.map((e) => e.command)).toEqual([CONVERT_FILES_COMMAND, REVERT_FILES_COMMAND]);
    expect(explorer[1]?.when).toBe(explorer[0]?.when);
    expect(explorer[0]?.when).toMatch(/^explorerResourceIsFolder \|\| resourceLangId == yaml \|\| resourceExtname =~ /);
    const when = /resourceExtname =~ \/(.*)\/(i?)/.exec(explorer[0]?.when ?? '');
    const pattern = new RegExp(when?.[1] ?? '(?!)', when?.[2]);
    expect(['.yaml', '.yml', '.YAML'].map((ext) => pattern.test(ext))).toEqual([true, true, true]);
    expect(['.json', '.yamlx', '.txt'].map((ext) => pattern.test(ext))).toEqual([false, false, false]);
  });

  it('activates on YAML only (commands activate by themselves) and runs the bundle', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:yaml']);
    expect(manifest.main).toBe('./dist/extension.js');
  });

  it('asks for no newer VS Code than the API it is typed against (code-server 4.100.3 is VS Code 1.100.3)', () => {
    expect(manifest.engines.vscode).toBe('^1.100.0');
    expect(rootPackage.devDependencies['@types/vscode']).toBe('~1.100.0');
  });
});
