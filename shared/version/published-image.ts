import { productVersion } from './product-version.js';

/** Where this version's container image is published (`npm run image` tags its archive the same way). */
export const IMAGE_REPOSITORY = 'ghcr.io/kueue/kubectl-kueue';

export function publishedImage(): string {
  return `${IMAGE_REPOSITORY}:${productVersion()}`;
}
