import * as vscode from 'vscode';

export const MANIFEST_FILE = /\.ya?ml$/i;

/**
 * The files an explorer selection stands for: files as given, folders replaced by the .yaml/.yml files under
 * them (recursively, like the CLI's `-R`; other files skipped), each in name order and each file once.
 * Symbolic links to folders are not followed, so a link cycle cannot make the walk endless.
 */
export async function manifestFileUris(selected: readonly vscode.Uri[]): Promise<vscode.Uri[]> {
  const found = new Map<string, vscode.Uri>();
  for (const uri of selected) {
    const type = await fileType(uri);
    const files = type !== undefined && (type & vscode.FileType.Directory) !== 0 ? await manifestsUnder(uri) : [uri];
    for (const file of files) found.set(file.toString(), file);
  }
  return [...found.values()];
}

async function manifestsUnder(folder: vscode.Uri): Promise<vscode.Uri[]> {
  const entries = [...(await vscode.workspace.fs.readDirectory(folder))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const files: vscode.Uri[] = [];
  for (const [name, type] of entries) {
    const child = vscode.Uri.joinPath(folder, name);
    if (type === vscode.FileType.Directory) files.push(...(await manifestsUnder(child)));
    else if ((type & vscode.FileType.File) !== 0 && MANIFEST_FILE.test(name)) files.push(child);
  }
  return files;
}

/** Undefined when the file cannot be read: the conversion then reports why, on that file. */
async function fileType(uri: vscode.Uri): Promise<vscode.FileType | undefined> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type;
  } catch {
    return undefined;
  }
}
