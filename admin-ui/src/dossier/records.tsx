import { useState } from 'react';
import { Link } from 'react-router';
import type { Applicant, Attachment, ControlEntry, HistoryEntry, IssuedDocument } from '../api/dossiers.js';
import { dossiersApi } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import { FilePreview, saveFile } from './FilePreview.js';
import { formatDateTime } from './format.js';

export function ApplicantFacts({ applicant, name }: { applicant: Applicant | null; name: string }) {
  const { t } = useI18n();
  const a = applicant ?? { fullName: name };
  return (
    <dl className="facts">
      <div><dt>{t('dossier.applicant')}</dt><dd>{a.fullName}</dd></div>
      <div><dt>{t('field.idNumber')}</dt><dd>{a.idNumber ?? '—'}</dd></div>
      <div><dt>{t('field.phone')}</dt><dd>{a.phone ?? '—'}</dd></div>
      <div><dt>{t('field.email')}</dt><dd>{a.email ?? '—'}</dd></div>
      <div className="wide"><dt>{t('field.address')}</dt><dd>{a.address ?? '—'}</dd></div>
    </dl>
  );
}

/** The application's values as a plain list (the form's labels live in the procedure version). */
export function ApplicationValues({ values }: { values: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(values);
  if (entries.length === 0) return <p className="muted">{t('dossier.noApplication')}</p>;
  return (
    <dl className="facts facts-compact">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt className="mono">{key}</dt>
          <dd>{typeof value === 'boolean' ? (value ? t('app.yes') : t('app.no')) : Array.isArray(value) ? value.join(', ') : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Attachments({ attachments }: { attachments: Attachment[] }) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<Attachment>();
  if (attachments.length === 0) return <p className="muted">{t('dossier.noAttachments')}</p>;
  return (
    <>
      <ul className="doc-list">
        {attachments.map((a) => (
          <li key={a.fileId}>
            <span>{a.document}</span>
            <button type="button" className="btn btn-secondary btn-small" onClick={() => setPreview(a)}>
              {t('doc.view')}
            </button>
          </li>
        ))}
      </ul>
      {preview && <FilePreview path={`/api/files/${preview.fileId}`} title={preview.document} onClose={() => setPreview(undefined)} />}
    </>
  );
}

const KINDS = ['receipt', 'supplementRequest', 'refusal', 'result', 'apology', 'controlSheet'];

/** Documents issued for the dossier, with their signatures, a preview, the download and the public verification page. */
export function IssuedDocuments({ dossierId, code, documents }: { dossierId: string; code: string; documents: IssuedDocument[] }) {
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState<IssuedDocument>();
  const [error, setError] = useState<unknown>();
  if (documents.length === 0) return <p className="muted">{t('doc.none')}</p>;
  const title = (d: IssuedDocument) => (KINDS.includes(d.kind) ? t(`doc.kind.${d.kind}` as 'doc.kind.result') : d.kind);
  return (
    <>
      {error !== undefined && <ErrorMessage error={error} />}
      <ul className="doc-list">
        {documents.map((d) => (
          <li key={d.id} data-kind={d.kind}>
            <span>
              <strong>{title(d)}</strong>
              <br />
              <small className="muted">
                {d.signatures.length > 0
                  ? d.signatures.map((s) => t('doc.signedBy', { name: s.signerName, at: formatDateTime(locale, s.at) })).join(' · ')
                  : d.signerRoles.length > 0
                    ? t('doc.awaitingSignature')
                    : t('doc.unsigned')}
              </small>
            </span>
            <span className="actions">
              <button type="button" className="btn btn-secondary btn-small" onClick={() => setPreview(d)}>
                {t('doc.view')}
              </button>
              <button
                type="button"
                className="btn btn-primary btn-small"
                onClick={() => saveFile(dossiersApi.documentPath(dossierId, d.kind), `${code}-${d.kind}.pdf`).catch(setError)}
              >
                {t('doc.download')}
              </button>
              {d.issuedDocumentId && (
                <a className="btn btn-ghost btn-small" href={`/verify/${d.issuedDocumentId}`} target="_blank" rel="noreferrer">
                  {t('doc.verify')}
                </a>
              )}
            </span>
          </li>
        ))}
      </ul>
      {preview && <FilePreview path={dossiersApi.documentPath(dossierId, preview.kind)} title={title(preview)} onClose={() => setPreview(undefined)} />}
    </>
  );
}

export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  const { t, locale } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <caption className="visually-hidden">{t('dossier.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.time')}</th>
            <th scope="col">{t('col.status')}</th>
            <th scope="col">{t('col.step')}</th>
            <th scope="col">{t('col.actor')}</th>
            <th scope="col">{t('col.note')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((h) => (
            <tr key={h.id}>
              <td>{formatDateTime(locale, h.at)}</td>
              <td>{t(`status.${h.toStatus}`)}</td>
              <td>{h.elementName ?? '—'}</td>
              <td>{h.actorName ?? '—'}</td>
              <td>{h.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phiếu kiểm soát quá trình giải quyết hồ sơ: one row per hand-over. */
export function ControlSheetTable({ entries }: { entries: ControlEntry[] }) {
  const { t, locale } = useI18n();
  if (entries.length === 0) return <p className="muted">{t('dossier.noControl')}</p>;
  return (
    <div className="table-scroll">
      <table className="table table-compact">
        <caption className="visually-hidden">{t('dossier.controlSheet')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('col.step')}</th>
            <th scope="col">{t('control.giver')}</th>
            <th scope="col">{t('control.handedOver')}</th>
            <th scope="col">{t('control.receiver')}</th>
            <th scope="col">{t('control.due')}</th>
            <th scope="col">{t('control.completed')}</th>
            <th scope="col">{t('control.result')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td>{e.elementName ?? e.elementId}</td>
              <td>{e.giverName ?? '—'}</td>
              <td>{formatDateTime(locale, e.handedOverAt)}</td>
              <td>
                {e.receiverName ?? (e.receiverGroup ? t(`role.${e.receiverGroup}` as 'role.reception') : '—')}
                <br />
                <small className="muted">{e.unitAgencyCode}</small>
              </td>
              <td>{formatDateTime(locale, e.dueAt)}</td>
              <td>{formatDateTime(locale, e.completedAt)}</td>
              <td>
                {e.onTime === null ? (
                  <span className="badge badge-muted">{e.outcome === 'cancelled' ? t('control.cancelled') : t('control.open')}</span>
                ) : e.onTime ? (
                  <span className="badge badge-deadline badge-deadline-on_time">{t('control.onTime')}</span>
                ) : (
                  <span className="badge badge-deadline badge-deadline-late">{t('control.late', { minutes: e.lateMinutes ?? 0 })}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function BackLink({ to, label }: { to: string; label: string }) {
  return (
    <p className="breadcrumb">
      <Link to={to}>← {label}</Link>
    </p>
  );
}
