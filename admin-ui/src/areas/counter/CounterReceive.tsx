import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { dossiersApi, publicProceduresApi, tasksApi, type Applicant, type DossierRow, type FormSchema } from '../../api/dossiers.js';
import { proceduresApi, type PublishedEntry } from '../../api/procedures.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { AgencyChoice, initialAgency, offeringNames } from '../../dossier/AgencyChoice.js';
import { DocumentUploads } from '../../dossier/DocumentUploads.js';
import { matches } from '../../dossier/format.js';
import { prefillFromAccount } from '../../dossier/prefill.js';
import { SubmitProblems, SubmitSummary, useApplicationSubmit } from '../../dossier/useApplicationSubmit.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { Receipt } from './Receipt.js';

const FormView = lazy(() => import('../../dossier/FormView.js'));

const EMPTY_APPLICANT: Applicant = { fullName: '', idNumber: '', phone: '', email: '', address: '' };

/**
 * Receiving a dossier at the counter on the applicant's behalf: any published procedure (any
 * centre of the province receives; the officer's agency's own first) and its competent agency, the applicant, the application form, and the files checked off against the
 * required-documents list; then the receipt is printed and the reception step opened.
 */
export default function CounterReceive() {
  const { t } = useI18n();
  const { state } = useAuth();
  const agency = state.status === 'signed-in' ? state.user.agencyCode : undefined;
  const [catalogue, setCatalogue] = useState<PublishedEntry[]>();
  const [error, setError] = useState<unknown>();
  const [query, setQuery] = useState('');
  const [procedure, setProcedure] = useState<PublishedEntry>();
  const [received, setReceived] = useState<{ dossier: DossierRow; procedure: PublishedEntry; applicant: Applicant; documents: string[] }>();

  useEffect(() => {
    const offeredHere = (p: PublishedEntry) => (p.offeringAgencies ?? [p.agency]).some((a) => a.code === agency);
    proceduresApi.publicCatalogue().then((all) => setCatalogue([...all.filter(offeredHere), ...all.filter((p) => !offeredHere(p))]), setError);
  }, [agency]);
  const shown = useMemo(() => (catalogue ?? []).filter((p) => matches(query, [p.name, p.code, p.field])), [catalogue, query]);

  if (received) return <Receipt {...received} onNext={() => setReceived(undefined)} />;
  if (procedure) return <ReceiveForm procedure={procedure} ownAgency={agency} onBack={() => setProcedure(undefined)} onReceived={setReceived} />;

  return (
    <>
      <h2>{t('counter.chooseProcedure')}</h2>
      <label className="search">
        <span className="visually-hidden">{t('portal.search')}</span>
        <input type="search" placeholder={t('portal.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      {!catalogue && error === undefined && <Loading />}
      {catalogue && shown.length === 0 && <p className="empty">{t('portal.empty')}</p>}
      <ul className="pick-list">
        {shown.map((p) => (
          <li key={p.slug}>
            <button type="button" className="pick" onClick={() => setProcedure(p)}>
              <strong>{p.name}</strong>
              <small className="muted">
                {p.code} · {p.field} · {offeringNames(p)}
              </small>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function ReceiveForm({
  procedure,
  ownAgency,
  onBack,
  onReceived,
}: {
  procedure: PublishedEntry;
  ownAgency?: string;
  onBack(): void;
  onReceived(result: { dossier: DossierRow; procedure: PublishedEntry; applicant: Applicant; documents: string[] }): void;
}) {
  const { t } = useI18n();
  const [applicant, setApplicant] = useState<Applicant>(EMPTY_APPLICANT);
  const [channel, setChannel] = useState<'counter' | 'post'>('counter');
  const [competent, setCompetent] = useState(() => initialAgency(procedure, ownAgency));
  const [schema, setSchema] = useState<FormSchema>();
  const [error, setError] = useState<unknown>();
  const submission = useApplicationSubmit(async (application, attachments, idempotencyKey) => {
    const clean = Object.fromEntries(Object.entries(applicant).filter(([, v]) => v)) as unknown as Applicant;
    const dossier = await dossiersApi.submitAtCounter({ procedure: procedure.slug, ...(competent ? { agency: competent } : {}), application, attachments, applicant: clean, channel }, idempotencyKey);
    // The declaration filled in on this page is one of the documents received, in the catalogue's order.
    const documents = procedure.requiredDocuments.filter((d) => d.filledOnline || attachments.some((a) => a.document === d.name)).map((d) => d.name);
    onReceived({ dossier, procedure, applicant: clean, documents });
  });

  useEffect(() => {
    publicProceduresApi.applicationForm(procedure.slug).then((published) => setSchema(published.form), setError);
  }, [procedure.slug]);

  const field = (name: keyof Applicant) => ({
    value: applicant[name] ?? '',
    onChange: (e: { target: { value: string } }) => setApplicant({ ...applicant, [name]: e.target.value }),
  });

  return (
    <form onSubmit={submission.submit} noValidate={false}>
      <SubmitSummary submission={submission} />
      <p className="breadcrumb">
        <button type="button" className="link-button" onClick={onBack}>
          ← {t('counter.chooseProcedure')}
        </button>
      </p>
      <h2>{procedure.name}</h2>
      <section className="panel">
        <h3>{t('dossier.applicantData')}</h3>
        <div className="form-grid">
          <AgencyChoice entry={procedure} value={competent} onChange={setCompetent} />
          <label>
            {t('field.fullName')} <span aria-hidden="true">*</span>
            <input required autoComplete="off" {...field('fullName')} />
          </label>
          <label>
            {t('field.idNumber')}
            <input inputMode="numeric" pattern="\d{9}|\d{12}" title={t('field.idNumberHint')} {...field('idNumber')} />
          </label>
          <label>
            {t('field.phone')}
            <input type="tel" pattern="(\+84|0)\d{9,10}" {...field('phone')} />
          </label>
          <label>
            {t('field.email')}
            <input type="email" {...field('email')} />
          </label>
          <label className="wide">
            {t('field.address')}
            <input {...field('address')} />
          </label>
          <fieldset className="wide inline-choice">
            <legend>{t('counter.channel')}</legend>
            <label>
              <input type="radio" name="channel" checked={channel === 'counter'} onChange={() => setChannel('counter')} /> {t('channel.counter')}
            </label>
            <label>
              <input type="radio" name="channel" checked={channel === 'post'} onChange={() => setChannel('post')} /> {t('channel.post')}
            </label>
          </fieldset>
        </div>
      </section>
      <section className="panel">
        <h3>{t('submit.form')}</h3>
        {schema === undefined && error === undefined && <Loading />}
        {schema && (
          <Suspense fallback={<Loading />}>
            <FormView schema={schema} data={prefillFromAccount(schema, { name: applicant.fullName, idNumber: applicant.idNumber })} onReady={(h) => (submission.form.current = h)} />
          </Suspense>
        )}
      </section>
      <section className="panel">
        <h3>{t('submit.documents')}</h3>
        <p className="hint">{t('counter.documentsHint')}</p>
        <DocumentUploads documents={procedure.requiredDocuments} onChange={submission.setUploads} />
      </section>
      {error !== undefined && <ErrorMessage error={error} />}
      <SubmitProblems submission={submission} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={submission.busy || submission.uploads.busy || !schema}>
          {submission.busy ? t('app.working') : t('counter.receive')}
        </button>
      </div>
    </form>
  );
}

/** After the counter submission: the reception step of the new dossier, once the process has created it. */
export function useReceptionTask(dossierId: string | undefined): string | undefined {
  const [key, setKey] = useState<string>();
  useEffect(() => {
    if (!dossierId) return;
    let live = true;
    let tries = 0;
    const look = () =>
      tasksApi.worklist().then((items) => {
        const task = items.find((i) => i.dossier.id === dossierId);
        if (!live) return;
        if (task) setKey(task.userTaskKey);
        else if (++tries < 10) setTimeout(() => void look(), 1000);
      }, () => undefined);
    void look();
    return () => {
      live = false;
    };
  }, [dossierId]);
  return key;
}
