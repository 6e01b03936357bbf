import { describe, expect, it } from 'vitest';
import { type PluginEntry } from '../../../shared/plugins/plugin.js';
import { PluginNotFoundError, PluginRegistry } from '../../../shared/plugins/plugin-registry.js';
import { fakeSetupContext, stubPlugin } from './setup-context-fake.js';

function entry(id: string, taskTypes: string[], isDefault = false): PluginEntry {
  const plugin = stubPlugin(id);
  return { id, registeredTaskTypes: taskTypes, loadPlugin: () => plugin, isDefault };
}

describe('PluginRegistry', () => {
  it('resolves action types only through the plugin that registered them, never the default', async () => {
    const registry = await PluginRegistry.load(fakeSetupContext(), [
      entry('pod', ['pod'], true),
      { ...entry('condition', []), registeredActionTypes: ['condition'] },
    ]);
    expect(registry.resolveActionType('condition').getId()).toBe('condition');
    expect(() => registry.resolveActionType('trace')).toThrow(PluginNotFoundError);
    expect(() => registry.resolveActionType('trace')).toThrow('no plugin registered for action type "trace"');
  });

  it('refuses two plugins claiming one action type', async () => {
    await expect(
      PluginRegistry.load(fakeSetupContext(), [
        { ...entry('a', []), registeredActionTypes: ['condition'] },
        { ...entry('b', []), registeredActionTypes: ['condition'] },
      ]),
    ).rejects.toThrow('action type "condition" is registered by both plugin "a" and plugin "b"');
  });

  it('resolves an exact task type, else the default', async () => {
    const registry = await PluginRegistry.load(fakeSetupContext(), [
      entry('container', ['container', 'python-task', 'raw-container']),
      entry('pod', ['pod', 'sidecar'], true),
    ]);
    expect(registry.resolve('python-task').getId()).toBe('container');
    expect(registry.resolve('sidecar').getId()).toBe('pod');
    expect(registry.resolve('spark').getId()).toBe('pod');
    // Exact match only: no prefix or case folding.
    expect(registry.resolve('Container').getId()).toBe('pod');
    expect(registry.taskTypes()).toEqual(['container', 'pod', 'python-task', 'raw-container', 'sidecar']);
    expect(registry.defaultPlugin?.getId()).toBe('pod');
  });

  it('without a default, an unknown task type is PluginNotFoundError', async () => {
    const registry = await PluginRegistry.load(fakeSetupContext(), [entry('container', ['container'])]);
    expect(() => registry.resolve('spark')).toThrow(PluginNotFoundError);
    expect(() => registry.resolve('spark')).toThrow(
      'no plugin registered for task type "spark" and no default plugin available',
    );
    expect(registry.defaultPlugin).toBeUndefined();
  });

  it('rejects two defaults', async () => {
    await expect(
      PluginRegistry.load(fakeSetupContext(), [entry('a', ['a'], true), entry('b', ['b'], true)]),
    ).rejects.toThrow('plugins "a" and "b" are both the default plugin; only one may be');
  });

  it('rejects a duplicate id and a task type claimed twice', async () => {
    await expect(PluginRegistry.load(fakeSetupContext(), [entry('a', ['x']), entry('a', ['y'])])).rejects.toThrow(
      'plugin "a" is registered twice',
    );
    await expect(PluginRegistry.load(fakeSetupContext(), [entry('a', ['x']), entry('b', ['x'])])).rejects.toThrow(
      'task type "x" is registered by both plugin "a" and plugin "b"',
    );
  });

  it('loads through loadPlugin, so invalid properties fail the load naming the plugin', async () => {
    const bad: PluginEntry = {
      id: 'short',
      registeredTaskTypes: ['s'],
      loadPlugin: () => stubPlugin('short', { generatedNameMaxLength: 4 }),
      isDefault: false,
    };
    await expect(PluginRegistry.load(fakeSetupContext(), [bad])).rejects.toThrow(
      'failed to load plugin "short": GeneratedNameMaxLength needs to be greater then 8',
    );
  });

  it('loads each plugin once', async () => {
    let loads = 0;
    const counted: PluginEntry = {
      id: 'c',
      registeredTaskTypes: ['a', 'b'],
      loadPlugin: () => {
        loads++;
        return stubPlugin('c');
      },
      isDefault: true,
    };
    const registry = await PluginRegistry.load(fakeSetupContext(), [counted]);
    expect(registry.resolve('a')).toBe(registry.resolve('b'));
    expect(registry.resolve('zzz')).toBe(registry.resolve('a'));
    expect(loads).toBe(1);
  });
});
