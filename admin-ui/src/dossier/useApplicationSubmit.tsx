import { useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import type { UploadState } from './DocumentUploads.js';
import type { FormHandle } from './FormView.js';

export interface ApplicationSubmit {
  /** Set by the form view when it is ready. */
  form: { current: FormHandle | undefined };
  uploads: UploadState;
  setUploads(uploads: UploadState): void;
  invalid?: 'form' | 'documents';
  busy: boolean;
  error: unknown;
  submit(event: FormEvent): void;
}

/**
 * Submitting an application, online or at the counter: the form's own validation and the mandatory
 * documents first, then one request with an idempotency key kept for the page's life, so that a
 * double click or a retry after a lost answer makes one dossier.
 */
export function useApplicationSubmit(
  send: (application: Record<string, unknown>, attachments: UploadState['attachments'], idempotencyKey: string) => Promise<void>,
): ApplicationSubmit {
  const form = useRef<FormHandle>(undefined);
  const key = useRef(newIdempotencyKey());
  const [uploads, setUploads] = useState<UploadState>({ attachments: [], missing: [], busy: false });
  const [invalid, setInvalid] = useState<'form' | 'documents'>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = form.current?.submit();
    if (!result || Object.keys(result.errors).length > 0 || uploads.missing.length > 0) {
      setInvalid(uploads.missing.length > 0 ? 'documents' : 'form');
      return;
    }
    setInvalid(undefined);
    setBusy(true);
    setError(undefined);
    try {
      await send(result.data, uploads.attachments, key.current);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { form, uploads, setUploads, invalid, busy, error, submit: (event) => void submit(event) };
}

/** Why the last attempt did not go: fields to correct, documents missing, or the server's answer. */
export function SubmitProblems({ submission }: { submission: ApplicationSubmit }) {
  const { t } = useI18n();
  const { invalid, uploads, error } = submission;
  return (
    <>
      {invalid && !(invalid === 'documents' && uploads.missing.length === 0) && (
        <p className="alert alert-error" role="alert">
          {invalid === 'documents' ? t('submit.missing', { list: uploads.missing.join('; ') }) : t('task.invalid')}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
}
