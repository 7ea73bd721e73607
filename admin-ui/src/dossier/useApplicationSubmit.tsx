import { useRef, useState, type FormEvent } from 'react';
import { newIdempotencyKey } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import type { UploadState } from './DocumentUploads.js';
import { ErrorSummary, goToField, type FieldProblem } from './ErrorSummary.js';
import type { FormHandle } from './FormView.js';

export interface ApplicationSubmit {
  /** Set by the form view when it is ready. */
  form: { current: FormHandle | undefined };
  uploads: UploadState;
  setUploads(uploads: UploadState): void;
  invalid?: 'form' | 'documents';
  /** What to correct, in page order: the form's fields, then the missing documents. */
  problems: FieldProblem[];
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
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = form.current?.submit();
    if (!result || Object.keys(result.errors).length > 0 || uploads.missing.length > 0) {
      setInvalid(uploads.missing.length > 0 ? 'documents' : 'form');
      const found = [...((await form.current?.invalidFields()) ?? []), ...missingDocuments(uploads.missing, t('upload.missingOne'))];
      setProblems(found);
      // Focus moves to the first field to correct, however far up the page it is.
      if (found[0]) goToField(found[0].target);
      return;
    }
    setInvalid(undefined);
    setProblems([]);
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
  return { form, uploads, setUploads, invalid, problems, busy, error, submit: (event) => void submit(event) };
}

/** Each missing mandatory document as a problem whose target is its file picker. */
function missingDocuments(names: readonly string[], message: string): FieldProblem[] {
  return names.flatMap((name) => {
    const target = document.querySelector<HTMLElement>(`li[data-document="${CSS.escape(name)}"] input[type=file]`);
    return target ? [{ label: name, message, target }] : [];
  });
}

/** The summary at the top of the application after a failed submit. */
export function SubmitSummary({ submission }: { submission: ApplicationSubmit }) {
  return <ErrorSummary problems={submission.invalid ? submission.problems : []} />;
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
