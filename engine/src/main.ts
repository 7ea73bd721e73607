import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/environment.js';
import { DirectoryLockedError } from './database/directory-lock.js';
import { startBanner } from './identity/start-banner.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  new Logger('Platform').log(`Một cửa BPM is running at ${config.PUBLIC_URL}`);
  if (config.NODE_ENV === 'development') {
    // Nest's start-up lines are left out in development (PlatformLogger): this is what a newcomer reads.
    console.log(`\n${startBanner(config)}\n`);
  }
}

main().catch((error: unknown) => {
  // Mistakes an operator can fix get their message alone; anything else keeps its stack.
  const expected = error instanceof ConfigError || error instanceof DirectoryLockedError;
  console.error(expected ? error.message : error);
  process.exit(1);
});
