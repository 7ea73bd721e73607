import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { dossiersApi, publicProceduresApi, type DossierRow, type FormSchema } from '../../api/dossiers.js';
import type { PublishedEntry } from '../../api/procedures.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { AgencyChoice, initialAgency } from '../../dossier/AgencyChoice.js';
import { DocumentUploads } from '../../dossier/DocumentUploads.js';
import { prefillFromAccount } from '../../dossier/prefill.js';
import { formatDateTime } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { SubmitProblems, SubmitSummary, useApplicationSubmit } from '../../dossier/useApplicationSubmit.js';
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
  const [contact, setContact] = useState({ phone: '', email: '', address: '' });
  const [error, setError] = useState<unknown>();
  const [submitted, setSubmitted] = useState<DossierRow>();
  const [agency, setAgency] = useState('');
  const submission = useApplicationSubmit(async (application, attachments, idempotencyKey) => {
    const given = Object.fromEntries(Object.entries(contact).filter(([, v]) => v));
    setSubmitted(await dossiersApi.submit({ procedure: entry!.slug, ...(agency ? { agency } : {}), application, attachments, ...(Object.keys(given).length ? { contact: given } : {}) }, idempotencyKey));
  });

  useEffect(() => {
    if (!slug) return;
    publicProceduresApi.get(slug).then((found) => {
      setEntry(found);
      setAgency(initialAgency(found));
    }, setError);
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
          <div><dt>{t('dossier.appointment')}</dt><dd>{submitted.dueDate ? formatDateTime(locale, submitted.dueDate) : t('dossier.appointmentAtReceipt')}</dd></div>
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

  return (
    <section className="page">
      <BackLink to={`/portal/thu-tuc/${entry.slug}`} label={entry.name} />
      <h1>{t('submit.title', { name: entry.name })}</h1>
      <p className="lead">
        {t('submit.as', { name: user?.name ?? user?.username ?? '' })}
        {(entry.offeringAgencies ?? [entry.agency]).length <= 1 && <> · {entry.agency.name}</>}
      </p>
      <form onSubmit={submission.submit}>
        <SubmitSummary submission={submission} />
        {(entry.offeringAgencies ?? []).length > 1 && (
          <section className="panel">
            <h2>{t('agency.section')}</h2>
            <AgencyChoice entry={entry} value={agency} onChange={setAgency} />
          </section>
        )}
        <section className="panel">
          <h2>{t('submit.form')}</h2>
          {user?.citizenId && <p className="hint">{t('submit.prefilled')}</p>}
          {schema === undefined && error === undefined && <Loading />}
          {schema && (
            <Suspense fallback={<Loading />}>
              <FormView schema={schema} data={prefillFromAccount(schema, { name: user?.name, idNumber: user?.citizenId })} onReady={(h) => (submission.form.current = h)} />
            </Suspense>
          )}
        </section>
        <section className="panel">
          <h2>{t('submit.documents')}</h2>
          <p className="hint">{t('submit.documentsHint')}</p>
          <DocumentUploads documents={entry.requiredDocuments} onChange={submission.setUploads} />
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
        {error !== undefined && <ErrorMessage error={error} />}
        <SubmitProblems submission={submission} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={submission.busy || submission.uploads.busy || !schema}>
            {submission.busy ? t('app.working') : submission.uploads.busy ? t('submit.waitUploads') : t('submit.send')}
          </button>
        </div>
      </form>
    </section>
  );
}
