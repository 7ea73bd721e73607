import { createRequire } from 'node:module';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { formJsMessages, formJsMessagesForDeps } from './build/form-js-messages.js';

const require = createRequire(import.meta.url);

/**
 * The same rule set as the server's lint (bpmnlint's recommended rules and Camunda 8.8
 * compatibility), compiled into the bundle so the Modeler can lint while the analyst draws. The
 * server's report stays the authority at publish; this one is for quick feedback.
 */
function bpmnlintConfig(): Plugin {
  const id = 'virtual:bpmnlint-config';
  const resolved = `\0${id}`;
  return {
    name: 'mot-cua-bpmnlint-config',
    resolveId: (source) => (source === id ? resolved : undefined),
    async load(source) {
      if (source !== resolved) return undefined;
      const compileConfig = require('bpmnlint/lib/support/compile-config') as (config: object, resolver: object) => Promise<string>;
      const NodeResolver = require('bpmnlint/lib/resolver/node-resolver') as new (options: object) => object;
      return compileConfig({ extends: ['bpmnlint:recommended', 'plugin:camunda-compat/camunda-cloud-8-8'] }, new NodeResolver({ require }));
    },
  };
}

// The platform serves the API, the identity provider and this app from one origin; in development
// the dev server forwards everything that is not the app to a platform started with `npm start`.
const platform = process.env.PLATFORM_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), bpmnlintConfig(), formJsMessages()],
  build: {
    outDir: 'dist',
    // The Modeler and the form editor are loaded only in the studio (lazy routes), so the other
    // areas download a small entry; the studio chunks are large by nature.
    chunkSizeWarningLimit: 2500,
  },
  optimizeDeps: {
    rolldownOptions: { plugins: [formJsMessagesForDeps] },
  },
  server: {
    proxy: Object.fromEntries(['/api', '/realms', '/v2', '/verify', '/health', '/metrics'].map((path) => [path, platform])),
  },
});
