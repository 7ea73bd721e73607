import { Inject, Injectable, Logger } from '@nestjs/common';
import Handlebars from 'handlebars';
import { APP_CONFIG, type AppConfig } from '../config/environment.js';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';
import { DocumentIssuer } from '../dossiers/document-issuer.js';
import { DossierStatus, STATUS_LABELS } from '../dossiers/dossier-status.js';
import { DossierLifecycle } from '../dossiers/dossier-lifecycle.service.js';
import { ProcedureVersions } from '../dossiers/procedure-versions.js';
import { NOTIFIER, type Notification, type Notifier } from '../notifications/notifier.port.js';
import type { ActivatedJob, JobOutcome } from '../workflow/workflow-engine.port.js';
import { JobDossiers } from './job-dossiers.js';
import { complete, JobModelError, requiredHeader, type JobHandlerProvider } from './job-support.js';
import { notifications } from './notification.schema.js';

const CHANNELS = ['email', 'sms', 'all'] as const;

/**
 * motcua.notify: renders the header's text template (templates/common/thong-bao-*.hbs or the
 * procedure's own) and sends it to the applicant by e-mail, SMS or both, through the Notifier.
 * Every attempt is logged; a refused message fails the job, which the engine retries.
 */
@Injectable()
export class NotifyWorker implements JobHandlerProvider {
  readonly type = 'motcua.notify';
  private readonly logger = new Logger('Notify');
  private readonly handlebars = Handlebars.create();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(NOTIFIER) private readonly notifier: Notifier,
    private readonly jobs: JobDossiers,
    private readonly versions: ProcedureVersions,
    private readonly issuer: DocumentIssuer,
    private readonly lifecycle: DossierLifecycle,
  ) {}

  async handle(job: ActivatedJob): Promise<JobOutcome> {
    const channel = requiredHeader(job, 'channel', CHANNELS);
    const template = requiredHeader(job, 'template');
    const { dossier, model } = await this.jobs.load(job);
    const source = this.versions.templateSource(model, template);
    if (!source) throw new JobModelError(`Task '${job.elementId}': template '${template}' is not part of version ${model.version} of '${model.slug}'`);
    const now = this.lifecycle.now();
    const documents = (job.variables.documents ?? {}) as Record<string, unknown>;
    const lookup = typeof documents.receipt === 'string' ? `${this.config.PUBLIC_URL}/verify/${documents.receipt}` : this.config.PUBLIC_URL;
    const body = this.handlebars
      .compile(source, { noEscape: true })({ ...(await this.issuer.templateData(dossier, model, { variables: job.variables, now, signerRoles: [] })), verifyUrl: lookup })
      .trim();
    const subject = `Hồ sơ ${dossier.code}: ${STATUS_LABELS[dossier.status as DossierStatus] ?? dossier.status}`;
    const applicant = dossier.applicant ?? { fullName: dossier.applicantName };
    const messages: Notification[] = [];
    if ((channel === 'email' || channel === 'all') && applicant.email) messages.push({ channel: 'email', to: applicant.email, subject, body, dossierId: dossier.id });
    if ((channel === 'sms' || channel === 'all') && applicant.phone) messages.push({ channel: 'sms', to: applicant.phone, subject, body, dossierId: dossier.id });
    if (messages.length === 0) this.logger.log(`Dossier ${dossier.code}: no ${channel === 'all' ? 'e-mail or phone' : channel} to notify (${template})`);
    const failures: string[] = [];
    for (const message of messages) {
      let error: string | null = null;
      try {
        await this.notifier.send(message);
      } catch (cause) {
        error = (cause as Error).message;
        failures.push(`${message.channel} to ${message.to}: ${error}`);
      }
      await this.db.insert(notifications).values({
        dossierId: dossier.id,
        channel: message.channel,
        recipient: message.to,
        template,
        subject: message.subject,
        body: message.body,
        status: error ? 'failed' : 'sent',
        error,
        at: now,
      });
    }
    if (failures.length > 0) throw new Error(`Notification not sent: ${failures.join('; ')}`);
    return complete();
  }
}
