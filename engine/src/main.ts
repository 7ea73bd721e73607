import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/environment.js';
import { DirectoryLockedError } from './database/directory-lock.js';
import { demoLoginTable } from './identity/demo-accounts.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Platform').log(`Một cửa BPM is running at ${config.PUBLIC_URL}`);
  if (config.SEED_DEMO_DATA && config.NODE_ENV === 'development') {
    // After the JSON start-up logs, a human-readable banner: where to go and who to sign in as.
    console.log(`\n${demoLoginTable()}\n\nMở ${config.PUBLIC_URL} (API: ${config.PUBLIC_URL}/api/docs)\n`);
  }
}

main().catch((error: unknown) => {
  // Mistakes an operator can fix get their message alone; anything else keeps its stack.
  const expected = error instanceof ConfigError || error instanceof DirectoryLockedError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
