import { errorMessage } from '../errors/index.js';

/**
 * A plugin's private state between rounds. Handle is called many times for one task; what it `put`s in one round
 * is what `get` returns in the next (only the last put of a round counts). Stored in the TaskAction status as
 * JSON (base64 in the `pluginState` bytes field) with a version the plugin owns, so it can change its format.
 */

export interface PluginStateReader {
  /** Version stored by the previous round (0 when none was stored), whether or not state came with it. */
  getStateVersion(): number;
  /**
   * The previous round's state: `value` is undefined and `version` 0 when there is none. Throws a
   * `PluginStateDecodeError` when the stored bytes are not our JSON (another executor wrote them).
   */
  get<T>(): { version: number; value: T | undefined };
  /** The stored bytes as they are, for a plugin that can read another executor's state (Flyte's gob). */
  getRaw(): { version: number; bytes: Uint8Array | undefined };
}

/** The stored plugin state is not ours: Flyte's executor stores Go gob where we store JSON. */
export class PluginStateDecodeError extends Error {
  override readonly name = 'PluginStateDecodeError';
}

export interface PluginStateWriter {
  /** Records `value` (JSON-serialisable) for the next round; a later call in the same round replaces it. */
  put(version: number, value: unknown): void;
  /** Clears the state: the next round sees none. */
  reset(): void;
}

/** The state as the status stores it. */
export interface StoredPluginState {
  /** Base64 of the JSON text. */
  pluginState?: string;
  pluginStateVersion?: number;
}

/** What a round wrote, for the executor to store; `written` false means keep the stored state as it is. */
export interface PluginStateChange extends StoredPluginState {
  written: boolean;
}

const MAX_VERSION = 255;

/** Reads the previous round's state and collects this round's, in the JSON format we own. */
export class JsonPluginState implements PluginStateReader, PluginStateWriter {
  private change: PluginStateChange = { written: false };

  constructor(private readonly previous: StoredPluginState = {}) {}

  getStateVersion(): number {
    return this.previous.pluginStateVersion ?? 0;
  }

  get<T>(): { version: number; value: T | undefined } {
    const stored = this.previous.pluginState;
    if (!stored) return { version: 0, value: undefined };
    try {
      return {
        version: this.previous.pluginStateVersion ?? 0,
        value: JSON.parse(Buffer.from(stored, 'base64').toString('utf8')) as T,
      };
    } catch (err) {
      // Flyte's executor stores Go gob here: plugins that can read it ask for the raw bytes.
      throw new PluginStateDecodeError(`failed to decode plugin state: ${errorMessage(err)}`);
    }
  }

  getRaw(): { version: number; bytes: Uint8Array | undefined } {
    const stored = this.previous.pluginState;
    if (!stored) return { version: 0, bytes: undefined };
    return { version: this.previous.pluginStateVersion ?? 0, bytes: new Uint8Array(Buffer.from(stored, 'base64')) };
  }

  put(version: number, value: unknown): void {
    if (!Number.isInteger(version) || version < 0 || version > MAX_VERSION) {
      throw new Error(`plugin state version must be a whole number from 0 to ${MAX_VERSION}, not ${version}`);
    }
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (err) {
      throw new Error(`failed to encode plugin state: ${errorMessage(err)}`);
    }
    if (text === undefined) throw new Error('failed to encode plugin state: the value has no JSON form');
    this.change = {
      written: true,
      pluginState: Buffer.from(text, 'utf8').toString('base64'),
      pluginStateVersion: version,
    };
  }

  reset(): void {
    this.change = { written: true, pluginStateVersion: 0 };
  }

  /** What this round wrote; after `reset`, no `pluginState` and version 0. */
  newState(): PluginStateChange {
    return { ...this.change };
  }
}
