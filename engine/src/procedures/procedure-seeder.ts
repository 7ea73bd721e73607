import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { listRepositoryProcedures, readRepositoryProcedure } from './bundle-io.js';
import { ProceduresService } from './procedures.service.js';

/** The repository root holding processes/, forms/ and templates/ of the shipped procedures. */
export const SHIPPED_PROCEDURES_ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
const SEED_USER = 'system';
/** How the version history names the shipped procedures' first publisher. */
const SEED_USER_NAME = 'Hệ thống (nạp thủ tục mẫu)';

/**
 * With SEED_DEMO_DATA, imports and publishes the shipped procedures at start. A bundle already
 * published unchanged is skipped before any write, so a restart costs two reads per procedure; a
 * procedure that fails is logged and skipped.
 */
@Injectable()
export class ProcedureSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Procedures');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly procedures: ProceduresService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    await seedShippedProcedures(this.procedures, SHIPPED_PROCEDURES_ROOT, this.logger);
  }
}

export async function seedShippedProcedures(procedures: ProceduresService, root: string, logger?: Logger): Promise<{ slug: string; version?: number; created: boolean; error?: string }[]> {
  const results = [];
  for (const slug of await listRepositoryProcedures(root)) {
    try {
      const bundle = await readRepositoryProcedure(root, slug);
      // Seeded on an earlier start and unchanged since: nothing to write (most restarts).
      const published = await procedures.publishedVersionOf(bundle);
      if (published !== undefined) {
        results.push({ slug, version: published, created: false });
        continue;
      }
      // Linted when published, and only if it changed since the last start.
      await procedures.saveDraft(bundle, SEED_USER);
      const { version, created } = await procedures.publish(slug, SEED_USER, { name: SEED_USER_NAME });
      if (created) logger?.log(`Published ${slug} version ${version.version}`);
      results.push({ slug, version: version.version, created });
    } catch (error) {
      const message = describe(error);
      logger?.error(`Cannot publish the shipped procedure ${slug}: ${message}`);
      results.push({ slug, created: false, error: message });
    }
  }
  return results;
}

function describe(error: unknown): string {
  const response = (error as { getResponse?: () => unknown }).getResponse?.() as { message?: string; lint?: { issues: { message: string }[] } } | undefined;
  if (response?.lint) return `${response.message}: ${response.lint.issues.map((i) => i.message).join('; ')}`;
  return (error as Error).message;
}
