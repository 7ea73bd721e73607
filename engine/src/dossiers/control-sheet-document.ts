import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { AgencyDirectory } from '../documents/agency-directory.js';
import { IssuedDocumentsService } from '../verification/issued-documents.service.js';
import { controlSheetRows, controlSheetState } from './control-sheet-rows.js';
import type { DossierRecord } from './dossier.schema.js';
import { DocumentIssuer } from './document-issuer.js';
import { DossierJournalRepository } from './dossier-journal.repository.js';
import { DossierLifecycle } from './dossier-lifecycle.service.js';

export const CONTROL_SHEET_KIND = 'controlSheet';
const CONTROL_SHEET_TEMPLATE = 'phieu-kiem-soat';

/**
 * The control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ) as an issued document, drawn from
 * the hand-over records: a new version whenever a hand-over is recorded or closed, under the same
 * number; the one it replaces stays in the dossier's document history.
 */
@Injectable()
export class ControlSheetDocument implements BeforeApplicationShutdown {
  private readonly logger = new Logger('ControlSheetDocument');
  private readonly agencies = AgencyDirectory.shared();
  /** The issue in progress per dossier: the next one waits for it, then finds the state it left. */
  private readonly pending = new Map<string, Promise<void>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly journal: DossierJournalRepository,
    private readonly issuer: DocumentIssuer,
    private readonly issued: IssuedDocumentsService,
    private readonly lifecycle: DossierLifecycle,
  ) {}

  /**
   * Issues the sheet, after the call returns, if its records changed since the current version: the
   * officer's step does not wait for a rendering, and one that fails leaves the state different, so
   * the next sync or periodic check issues the sheet. Issues of one dossier run one after the other.
   */
  keepCurrent(dossier: DossierRecord): void {
    const previous = this.pending.get(dossier.id) ?? Promise.resolve();
    const next = previous
      .then(() => this.issueIfChanged(dossier))
      .catch((error: unknown) => this.logger.warn(`Dossier ${dossier.code}: control sheet not issued yet (${error instanceof Error ? error.message : String(error)})`))
      .finally(() => {
        if (this.pending.get(dossier.id) === next) this.pending.delete(dossier.id);
      });
    this.pending.set(dossier.id, next);
  }

  /** Issues under way finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending.values()]);
  }

  private async issueIfChanged(dossier: DossierRecord): Promise<void> {
    if (!dossier.procedureSlug || dossier.procedureVersion === null) return;
    const entries = await this.journal.controlEntries(dossier.id);
    if (entries.length === 0) return;
    const state = controlSheetState(entries);
    const current = await this.journal.findDocument(dossier.id, CONTROL_SHEET_KIND);
    if (current?.sourceState === state) return;
    const number = current?.issuedDocumentId ? (await this.issued.findById(current.issuedDocumentId))?.number : undefined;
    const consulted = await this.journal.consultedAgencies(dossier.id);
    await this.issuer.render(dossier, {
      template: CONTROL_SHEET_TEMPLATE,
      kind: CONTROL_SHEET_KIND,
      signerRoles: [],
      variables: {
        handovers: controlSheetRows(entries, {
          applicantName: dossier.applicant?.fullName ?? dossier.applicantName,
          agencyName: (code) => this.agencies.nameOf(code),
          utcOffsetMinutes: this.config.CALENDAR_UTC_OFFSET_MINUTES,
        }),
        consultedAgencies: consulted.map((code) => this.agencies.nameOf(code)),
      },
      now: this.lifecycle.now(),
      ...(number ? { number } : {}),
      sourceState: state,
    });
  }
}
