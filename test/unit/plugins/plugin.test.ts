import { describe, expect, it } from 'vitest';
import { type PluginEntry, loadPlugin } from '../../../shared/plugins/plugin.js';
import { fakeSetupContext, stubPlugin } from './setup-context-fake.js';

const corePluginType = 'core';

function entryWith(generatedNameMaxLength?: number): PluginEntry {
  const plugin = stubPlugin(corePluginType, generatedNameMaxLength === undefined ? {} : { generatedNameMaxLength });
  return { id: corePluginType, registeredTaskTypes: [corePluginType], loadPlugin: () => plugin, isDefault: false };
}

describe('loadPlugin (ported from upstream)', () => {
  it('valid', async () => {
    const p = await loadPlugin(fakeSetupContext(), entryWith());
    expect(p.getId()).toBe(corePluginType);
  });

  it('valid GeneratedNameMaxLength', async () => {
    const p = await loadPlugin(fakeSetupContext(), entryWith(10));
    expect(p.getId()).toBe(corePluginType);
  });

  it('invalid GeneratedNameMaxLength', async () => {
    await expect(loadPlugin(fakeSetupContext(), entryWith(5))).rejects.toThrow(
      new Error('GeneratedNameMaxLength needs to be greater then 8'),
    );
  });
});

describe('loadPlugin', () => {
  it('accepts 8 itself and rejects 7', async () => {
    await expect(loadPlugin(fakeSetupContext(), entryWith(8))).resolves.toBeDefined();
    await expect(loadPlugin(fakeSetupContext(), entryWith(7))).rejects.toThrow(
      'GeneratedNameMaxLength needs to be greater then 8',
    );
  });

  it('awaits asynchronous loaders and passes their failures on', async () => {
    const setup = fakeSetupContext();
    const asyncEntry: PluginEntry = { ...entryWith(), loadPlugin: () => Promise.resolve(stubPlugin('later')) };
    expect((await loadPlugin(setup, asyncEntry)).getId()).toBe('later');
    const failing: PluginEntry = { ...entryWith(), loadPlugin: () => Promise.reject(new Error('no config')) };
    await expect(loadPlugin(setup, failing)).rejects.toThrow('no config');
  });

  it('hands the setup context to the loader', async () => {
    const setup = fakeSetupContext();
    await loadPlugin(setup, {
      ...entryWith(),
      loadPlugin: (ctx) => {
        ctx.enqueueOwner({ namespace: 'n', name: 'x' });
        return stubPlugin('p');
      },
    });
    expect(setup.enqueued).toEqual([{ namespace: 'n', name: 'x' }]);
  });
});
