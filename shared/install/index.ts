// What `install` applies (the CRD, ClusterRoles, optionally the executor) and applying it with unchanged detection.
export * from './executor-objects.js';
export * from './foreign-crd.js';
export * from './install-objects.js';
export * from './install.js';
export * from './manifest-documents.js';
