import { defineConfig } from 'drizzle-kit';

// Each feature owns its tables in a *.schema.ts file; migrations are generated from all of them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/**/*.schema.ts',
  out: './migrations',
});
