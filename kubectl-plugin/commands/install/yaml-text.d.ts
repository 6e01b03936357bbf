// esbuild bundles `import text from 'x.yaml' with { type: 'text' }` as the file's contents, so the plugin carries
// its manifests instead of looking for files next to itself.
declare module '*.yaml' {
  const text: string;
  export default text;
}
