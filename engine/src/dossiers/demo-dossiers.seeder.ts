import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DEMO_ACCOUNTS, DEMO_AGENCIES, type DemoAccount } from '../identity/demo-accounts.js';
import { Role } from '../auth/roles.js';
import type { NewDossier } from './dossier.schema.js';
import { DossierStatus } from './dossier-status.js';
import { DossiersRepository } from './dossiers.repository.js';

/** Sample procedure of each demo agency (codes of the national procedure database). */
const DEMO_PROCEDURES: Record<string, string> = {
  SXD: '1.009972', // cấp giấy phép xây dựng nhà ở riêng lẻ
  STNMT: '1.004227', // đăng ký biến động quyền sử dụng đất
};

/** Two dossiers per demo agency, one for each demo citizen, so every access rule has a case. */
export function demoDossiers(): NewDossier[] {
  const citizens = DEMO_ACCOUNTS.filter((a): a is DemoAccount & { citizenId: string } => a.roles.includes(Role.Citizen) && !!a.citizenId);
  return DEMO_AGENCIES.filter((agency) => agency.code in DEMO_PROCEDURES).flatMap((agency) =>
    citizens.map((citizen, i) => ({
      code: `${agency.code}-250601-${String(i + 1).padStart(4, '0')}`,
      procedureCode: DEMO_PROCEDURES[agency.code]!,
      agencyCode: agency.code,
      applicantUserId: citizen.id,
      applicantName: citizen.displayName,
      applicantIdNumber: citizen.citizenId,
      status: i === 0 ? DossierStatus.Processing : DossierStatus.Received,
    })),
  );
}

@Injectable()
export class DemoDossiersSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Dossiers');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dossiers: DossiersRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO_DATA) return;
    const created = await this.dossiers.insertMissing(demoDossiers());
    if (created > 0) this.logger.log(`Created ${created} demo dossiers`);
  }
}
