/** What the probe extension reports about its window (see probe.ts). Lines and characters are 0-based. */
export interface ProbeState {
  activeEditor: {
    file: string;
    name: string;
    languageId: string;
    text: string;
    isDirty: boolean;
    version: number;
    selections: { start: { line: number; character: number }; end: { line: number; character: number } }[];
  } | null;
  diagnostics: {
    file: string;
    line: number;
    character: number;
    endLine: number;
    endCharacter: number;
    message: string;
    severity: string;
    source: string;
    code: string;
  }[];
  /** Whether the Kueue extension has been activated in this window. */
  kueueActive: boolean;
}
