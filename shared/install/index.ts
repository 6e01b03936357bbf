// What `install` applies (the CRD and ClusterRoles) and applying it with unchanged detection.
export * from './foreign-crd.js';
export * from './install-objects.js';
export * from './install.js';
