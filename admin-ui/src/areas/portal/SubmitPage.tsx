import { lazy, Suspense, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { dossiersApi, newIdempotencyKey, publicProceduresApi, type DossierRow, type FormSchema } from '../../api/dossiers.js';
import type { PublishedEntry } from '../../api/procedures.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { DocumentUploads, type UploadState } from '../../dossier/DocumentUploads.js';
import type { FormHandle } from '../../dossier/FormView.js';
import { formatDateTime } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';

const FormView = lazy(() => import('../../dossier/FormView.js'));

/** Online submission: the application form, the required documents with upload progress, contact details. */
export default function SubmitPage() {
  const { slug } = useParams();
  const { t, locale } = useI18n();
  const { state } = useAuth();
  const user = state.status === 'signed-in' ? state.user : undefined;
  const [entry, setEntry] = useState<PublishedEntry>();
  const [schema, setSchema] = useState<FormSchema>();
  const [uploads, setUploads] = useState<UploadState>({ attachments: [], missing: [], busy: false });
  const [contact, setContact] = useState({ phone: '', email: '', address: '' });
  const [error, setError] = useState<unknown>();
  const [invalid, setInvalid] = useState<'form' | 'documents'>();
  const [busy, setBusy] = useState(false);
  const [submitted, setSubmitted] = useState<DossierRow>();
  const form = useRef<FormHandle>(undefined);
  const key = useRef(newIdempotencyKey());

  useEffect(() => {
    if (!slug) return;
    publicProceduresApi.get(slug).then(setEntry, setError);
    publicProceduresApi.applicationForm(slug).then((published) => setSchema(published.form), setError);
  }, [slug]);

  if (!entry) return error !== undefined ? <section className="page"><ErrorMessage error={error} /></section> : <Loading />;

  if (submitted) {
    return (
      <section className="page narrow">
        <h1>{t('submit.done')}</h1>
        <p className="alert alert-success" role="status">
          {t('submit.doneText', { code: submitted.code })}
        </p>
        <dl className="facts">
          <div><dt>{t('col.code')}</dt><dd className="mono">{submitted.code}</dd></div>
          <div><dt>{t('dossier.appointment')}</dt><dd>{formatDateTime(locale, submitted.dueDate)}</dd></div>
        </dl>
        <div className="actions">
          <Link className="btn btn-primary" to={`/portal/ho-so/${submitted.id}`}>
            {t('submit.follow')}
          </Link>
          <Link className="btn btn-secondary" to="/portal">
            {t('portal.title')}
          </Link>
        </div>
      </section>
    );
  }

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
      const given = Object.fromEntries(Object.entries(contact).filter(([, v]) => v));
      const dossier = await dossiersApi.submit(
        { procedure: entry.slug, application: result.data, attachments: uploads.attachments, ...(Object.keys(given).length ? { contact: given } : {}) },
        key.current,
      );
      setSubmitted(dossier);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page">
      <BackLink to={`/portal/thu-tuc/${entry.slug}`} label={entry.name} />
      <h1>{t('submit.title', { name: entry.name })}</h1>
      <p className="lead">
        {t('submit.as', { name: user?.name ?? user?.username ?? '' })} · {entry.agency.name}
      </p>
      <form onSubmit={(e) => void submit(e)}>
        <section className="panel">
          <h2>{t('submit.form')}</h2>
          {schema === undefined && error === undefined && <Loading />}
          {schema && (
            <Suspense fallback={<Loading />}>
              <FormView schema={schema} data={{ nguoiYeuCauHoTen: user?.name ?? '' }} onReady={(h) => (form.current = h)} />
            </Suspense>
          )}
        </section>
        <section className="panel">
          <h2>{t('submit.documents')}</h2>
          <p className="hint">{t('submit.documentsHint')}</p>
          <DocumentUploads documents={entry.requiredDocuments} onChange={setUploads} />
        </section>
        <section className="panel">
          <h2>{t('submit.contact')}</h2>
          <div className="form-grid">
            <label>
              {t('field.phone')}
              <input type="tel" autoComplete="tel" pattern="(\+84|0)\d{9,10}" value={contact.phone} onChange={(e) => setContact({ ...contact, phone: e.target.value })} />
            </label>
            <label>
              {t('field.email')}
              <input type="email" autoComplete="email" value={contact.email} onChange={(e) => setContact({ ...contact, email: e.target.value })} />
            </label>
            <label className="wide">
              {t('field.address')}
              <input autoComplete="street-address" value={contact.address} onChange={(e) => setContact({ ...contact, address: e.target.value })} />
            </label>
          </div>
        </section>
        {invalid && !(invalid === 'documents' && uploads.missing.length === 0) && (
          <p className="alert alert-error" role="alert">
            {invalid === 'documents' ? t('submit.missing', { list: uploads.missing.join('; ') }) : t('task.invalid')}
          </p>
        )}
        {error !== undefined && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={busy || uploads.busy || !schema}>
            {busy ? t('app.working') : uploads.busy ? t('submit.waitUploads') : t('submit.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
