import pkg from '../../package.json';

/** The product version, from the package manifest (inlined by the bundler). */
export function productVersion(): string {
  return pkg.version;
}
