import type { DocumentAgency } from '../documents/agency-directory.js';
import { documentTemplateData } from '../dossiers/document-data.js';
import type { DossierRecord } from '../dossiers/dossier.schema.js';
import type { VersionModel } from '../dossiers/procedure-versions.js';
import { formFiles, type ProcedureBundle } from './bundle.js';
import { checkForm } from './lint/form-rules.js';

export const SAMPLE_APPLICANT = { fullName: 'Nguyễn Văn A', idNumber: '022090000000', address: 'Số 1 đường Mẫu, phường Mẫu' };

/**
 * What a template of the draft sees in the studio's preview: the data a real document of this
 * procedure gets (document-data.ts), from a made-up dossier received today, with every field of
 * the bundle's forms filled with its own label in brackets, so the analyst sees where each goes.
 */
export function sampleTemplateData(bundle: ProcedureBundle, facts: { now: Date; utcOffsetMinutes: number; agency: DocumentAgency & { code: string; name: string; receptionUnit: string }; lookupUrl: string }): Record<string, unknown> {
  const { catalogue } = bundle;
  const application: Record<string, unknown> = {};
  const variables: Record<string, unknown> = {};
  for (const [file, text] of formFiles(bundle)) {
    const form = checkForm(file, text);
    const target = form.id === catalogue.applicationForm ? application : variables;
    for (const field of form.fields) {
      // A date field carries its label as dateLabel.
      const label = field.label ?? (typeof field.definition.dateLabel === 'string' ? field.definition.dateLabel : field.key);
      if (!field.key.includes('.')) target[field.key] ??= `[${label}]`;
    }
  }
  const due = new Date(facts.now.getTime() + 5 * 24 * 3_600_000);
  const dossier = {
    code: `${catalogue.agency.code}-000000-0000`,
    procedureName: catalogue.name,
    procedureCode: catalogue.code,
    channel: 'online',
    createdAt: facts.now,
    receivedAt: facts.now,
    dueDate: due,
    applicantName: SAMPLE_APPLICANT.fullName,
    applicant: SAMPLE_APPLICANT,
    application,
    attachments: catalogue.requiredDocuments.map((d) => ({ document: d.name, fileId: 'sample' })),
  } as unknown as DossierRecord;
  return documentTemplateData({
    dossier,
    model: { catalogue } as VersionModel,
    variables: { ...variables, dossierCode: dossier.code, dueDate: due.toISOString() },
    now: facts.now,
    utcOffsetMinutes: facts.utcOffsetMinutes,
    agency: facts.agency,
    number: '01/MẪU',
    signerRoles: ['leader'],
    signer: { role: 'leader', fullName: 'Trần Văn B' },
    lookupUrl: facts.lookupUrl,
  });
}
