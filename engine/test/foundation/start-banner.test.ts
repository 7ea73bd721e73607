import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/environment.js';
import { DEMO_PASSWORD } from '../../src/identity/demo-accounts.js';
import { startBanner } from '../../src/identity/start-banner.js';
import { PlatformLogger } from '../../src/web/platform-logger.js';

/** What a logger wrote to stdout while `run` ran. */
function stdoutOf(run: () => void): string {
  const written: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  try {
    run();
  } finally {
    process.stdout.write = write;
  }
  return written.join('');
}

describe('start banner and development logs', () => {
  it('says where to go, whom to sign in as and where the data lives, in a screenful', () => {
    const config = loadConfig({ NODE_ENV: 'development', PORT: '3000', DATA_DIR: './data' });
    const banner = startBanner(config);
    assert.match(banner, /^Một cửa BPM đang chạy: http:\/\/localhost:3000 {3}\(API: http:\/\/localhost:3000\/api\/docs\)$/m);
    assert.ok(banner.includes(`mật khẩu ${DEMO_PASSWORD}`));
    for (const username of ['citizen1', 'reception.sxd', 'analyst.hongha', 'supervisor']) assert.match(banner, new RegExp(`^  ${username.replace('.', '\\.')} `, 'm'));
    assert.ok(banner.includes(`PGlite trong ${resolve('./data')}`));
    assert.ok(banner.split('\n').length <= 20, `short enough to read without scrolling:\n${banner}`);
  });

  it('names a PostgreSQL server without its password, and shows no sign-ins without demo data', () => {
    const config = loadConfig({ NODE_ENV: 'development', SEED_DEMO_DATA: 'false', DATABASE_URL: 'postgres://motcua:secret@db.example:5432/motcua' });
    const banner = startBanner(config);
    assert.ok(banner.includes('PostgreSQL postgres://motcua:***@db.example:5432/motcua'));
    assert.ok(!banner.includes('secret'));
    assert.ok(!banner.includes(DEMO_PASSWORD));
  });

  it('leaves out Nest’s route and module lines in development only', () => {
    const lines = (quiet: boolean) =>
      stdoutOf(() => {
        const logger = new PlatformLogger({ json: true, colors: false }, quiet);
        logger.log('Mapped {/api/me, GET} route', 'RouterExplorer');
        logger.log('AppModule dependencies initialized', 'InstanceLoader');
        logger.log('Một cửa BPM is running at http://localhost:3000', 'Platform');
      });
    const development = lines(true);
    assert.ok(!development.includes('Mapped {'));
    assert.ok(!development.includes('dependencies initialized'));
    assert.ok(development.includes('is running at'));
    const production = lines(false);
    assert.ok(production.includes('Mapped {/api/me, GET} route'));
    assert.ok(production.includes('dependencies initialized'));
  });
});
