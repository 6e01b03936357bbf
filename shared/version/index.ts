// The product version, from package.json, and the image this version publishes.
export * from './product-version.js';
export * from './published-image.js';
