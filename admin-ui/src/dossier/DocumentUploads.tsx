import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { uploadFile, type Attachment } from '../api/dossiers.js';
import { checkUpload, sizeName, typeNames, useUploadLimits, type UploadLimits } from '../api/files.js';
import type { Catalogue } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { formatBytes } from './format.js';

type RequiredDocument = Catalogue['requiredDocuments'][number];

interface Upload {
  key: string;
  document: string;
  name: string;
  size: number;
  progress: number;
  fileId?: string;
  error?: string;
}

const ACCEPT = 'application/pdf,image/png,image/jpeg';

function acceptOf(limits: UploadLimits | undefined): string {
  return limits ? [...limits.mediaTypes, ...limits.extensions].join(',') : ACCEPT;
}

export interface UploadState {
  attachments: Attachment[];
  /** Mandatory documents without a finished upload. */
  missing: string[];
  busy: boolean;
}

export function uploadState(uploads: Upload[], documents: readonly RequiredDocument[]): UploadState {
  const attachments = uploads.filter((u) => u.fileId).map((u) => ({ document: u.document, fileId: u.fileId! }));
  return {
    attachments,
    missing: documents.filter((d) => d.mandatory && !d.filledOnline && !attachments.some((a) => a.document === d.name)).map((d) => d.name),
    busy: uploads.some((u) => !u.fileId && !u.error),
  };
}

/** The declaration the applicant fills in on this page: it goes with the dossier, so nothing is uploaded for it. */
function FilledOnline({ name }: { name: string }) {
  const { t } = useI18n();
  return (
    <li className="done" data-document={name}>
      <div className="required-doc-head">
        <span className="check check-done" aria-hidden="true">
          ✓
        </span>
        <div>
          <span className="required-doc-name">{name}</span>
          <small className="muted">{t('upload.filledOnlineHint')}</small>
        </div>
        <span className="badge badge-status-done">{t('upload.filledOnline')}</span>
      </div>
    </li>
  );
}

/**
 * The procedure's list of required documents (thành phần hồ sơ), each with its own file picker;
 * files upload as soon as they are chosen, each with a progress bar, and are checked off against
 * the list. `documents` may be a subset (the items a supplement request names).
 */
export function DocumentUploads({ documents, onChange }: { documents: readonly RequiredDocument[]; onChange(state: UploadState): void }) {
  const { t, locale } = useI18n();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const baseId = useId();
  const limits = useUploadLimits();
  const limitsText = limits ? t('upload.limits', { types: typeNames(limits), size: sizeName(locale, limits.maxBytes) }) : t('upload.hint');
  const refusalText = (reason: 'too-large' | 'wrong-type') =>
    reason === 'too-large'
      ? t('upload.tooLarge', { size: limits ? sizeName(locale, limits.maxBytes) : '' })
      : t('upload.wrongType', { types: limits ? typeNames(limits) : 'PDF, PNG, JPEG' });

  const changed = useRef(onChange);
  changed.current = onChange;
  useEffect(() => changed.current(uploadState(uploads, documents)), [uploads, documents]);
  const update = setUploads;

  const add = (document: string, files: FileList | null) => {
    for (const file of Array.from(files ?? [])) {
      const key = `${document}:${file.name}:${crypto.randomUUID()}`;
      // Refused here, before sending: a file over the limit would otherwise upload most of the way first.
      const refusal = limits && checkUpload(file, limits);
      if (refusal) {
        update((current) => [...current, { key, document, name: file.name, size: file.size, progress: 0, error: refusalText(refusal.reason) }]);
        continue;
      }
      update((current) => [...current, { key, document, name: file.name, size: file.size, progress: 0 }]);
      uploadFile(file, (progress) => update((current) => current.map((u) => (u.key === key ? { ...u, progress } : u)))).then(
        (stored) => update((current) => current.map((u) => (u.key === key ? { ...u, fileId: stored.id, progress: 1 } : u))),
        (error: unknown) => update((current) => current.map((u) => (u.key === key ? { ...u, error: serverRefusal(error) } : u))),
      );
    }
  };

  // The server's own refusals, in the same words as the browser's checks.
  const serverRefusal = (error: unknown) =>
    error instanceof ApiError && error.status === 413
      ? refusalText('too-large')
      : error instanceof ApiError && error.status === 400 && /file types/i.test(error.message)
        ? refusalText('wrong-type')
        : error instanceof Error
          ? error.message
          : String(error);

  return (
    <>
    <p className="hint upload-limits" data-testid="upload-limits">
      {limitsText}
    </p>
    <ol className="required-docs">
      {documents.map((d, i) => {
        if (d.filledOnline) return <FilledOnline key={d.name} name={d.name} />;
        const mine = uploads.filter((u) => u.document === d.name);
        const done = mine.some((u) => u.fileId);
        const inputId = `${baseId}-${i}`;
        return (
          <li key={d.name} className={done ? 'done' : d.mandatory ? 'mandatory' : ''} data-document={d.name}>
            <div className="required-doc-head">
              <span className={`check ${done ? 'check-done' : ''}`} aria-hidden="true">
                {done ? '✓' : i + 1}
              </span>
              <div>
                <label htmlFor={inputId} className="required-doc-name">
                  {d.name}
                </label>
                <small className="muted">
                  {d.mandatory ? t('upload.mandatory') : t('upload.optional')}
                  {d.originals > 0 && ` · ${t('upload.originals', { n: d.originals })}`}
                  {d.copies > 0 && ` · ${t('upload.copies', { n: d.copies })}`}
                  {d.note && ` · ${d.note}`}
                </small>
              </div>
              <span className="file-button btn btn-secondary btn-small">
                {t('upload.choose')}
                <input
                  id={inputId}
                  type="file"
                  accept={acceptOf(limits)}
                  multiple
                  aria-describedby={`${inputId}-hint`}
                  onChange={(e) => {
                    add(d.name, e.target.files);
                    e.target.value = '';
                  }}
                />
              </span>
            </div>
            <span id={`${inputId}-hint`} className="visually-hidden">
              {limitsText}
            </span>
            {mine.length > 0 && (
              <ul className="uploads">
                {mine.map((u) => (
                  <li key={u.key}>
                    <span className="upload-name">
                      {u.name} <small className="muted">({formatBytes(locale, u.size)})</small>
                    </span>
                    {u.error ? (
                      <span className="upload-error" role="alert">
                        {u.error}
                      </span>
                    ) : (
                      <progress max={1} value={u.progress} aria-label={t('upload.progress', { name: u.name })}>
                        {Math.round(u.progress * 100)}%
                      </progress>
                    )}
                    <span className="muted">{u.fileId ? t('upload.done') : u.error ? '' : `${Math.round(u.progress * 100)}%`}</span>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('upload.remove', { name: u.name })}
                      onClick={() => update((current) => current.filter((x) => x.key !== u.key))}
                    >
                      {t('catalogue.remove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
    </>
  );
}
