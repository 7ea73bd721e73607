import type { Provider } from 'oidc-provider';
import type { ProviderDependencies } from './oidc-provider.factory.js';

/** What OIDC_PROVIDER injects: the built-in provider, created on the first request that needs it. */
export type LazyOidcProvider = () => Promise<Provider>;

/**
 * oidc-provider, with Koa and its pages, is among the largest libraries the platform loads, and
 * most starts (restarts, workers, tests of other parts) serve no login before it would be ready
 * anyway: it is loaded with the first sign-in or discovery request instead (docs/benchmarks.md, Cold start).
 */
export function lazyOidcProvider(dependencies: ProviderDependencies): LazyOidcProvider {
  let provider: Promise<Provider> | undefined;
  return () => {
    provider ??= import('./oidc-provider.factory.js').then(({ createOidcProvider }) => createOidcProvider(dependencies));
    // A failed creation is tried again on the next request rather than kept.
    provider.catch(() => (provider = undefined));
    return provider;
  };
}
