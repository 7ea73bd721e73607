// Type-aware lint for the platform, its tests, the benchmarks and the web app (npm run lint).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.d.ts', 'engine/drizzle.config.ts', 'test/e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/test return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'suite', 'test', 'it'] }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Off: where a file belongs to two projects (the engine's tests also compile in test/) its view
      // of a type can differ from the build's, and removing an assertion the build needs breaks it.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Tests read JSON answers, bundles and PDF text as untyped values and assert on them: an assertion that
    // fails is the check there, so the no-unsafe family would only add casts.
    files: ['engine/test/**', 'test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Moddle trees are untyped where Zeebe's extensions are read; these readers check each value
    // before it enters the typed definition (model/definition.ts, dmn/decision.ts).
    files: ['engine/src/workflow/embedded/model/compile.ts', 'engine/src/workflow/embedded/model/listener-rules.ts', 'engine/src/workflow/embedded/dmn/parse.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // An async function that satisfies a promise-returning interface needs no await inside.
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // React props typed as methods are plain callbacks, and JSX event handlers may return a promise.
    files: ['admin-ui/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
);
