import { inject } from 'vitest';

/** What the UI global setup hands to every UI test file. */
export type UiEnvironment =
  | { available: false; reason: string }
  | {
      available: true;
      url: string;
      port: number;
      /** Where the probe extension of each window writes its port. */
      probePortDir: string;
      /** Parent of the per-window workspace folders. */
      workspacesDir: string;
      /** The extension folder (loaded as under development by the extension-host runner). */
      extensionDir: string;
      /** The bundled extension-host suite. */
      hostTestsPath: string;
      screenshotDir: string;
    };

declare module 'vitest' {
  export interface ProvidedContext {
    ui: UiEnvironment;
  }
}

export function uiEnvironment(): UiEnvironment {
  return inject('ui');
}

/**
 * The key the UI test profile binds to "apply the first refactor.rewrite action" (`editor.action.codeAction`
 * with `apply: first`): with it VS Code shows a disabled action's reason in the editor, as users who bind a
 * key to the conversion see it.
 */
export const APPLY_REWRITE_KEY = 'Control+Alt+K';
export const TEST_KEYBINDINGS = [
  { key: 'ctrl+alt+k', command: 'editor.action.codeAction', args: { kind: 'refactor.rewrite', apply: 'first' }, when: 'editorTextFocus' },
];
