import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.js';
import { DossierFeedbackForm } from './Feedback.js';
import { dossiersApi, type DossierQuery, type DossierStatus, type Pause, type Rating } from '../../api/dossiers.js';
import { paymentsApi, type FeesDue } from '../../api/payments.js';
import { publicProceduresApi } from '../../api/dossiers.js';
import type { PublishedEntry } from '../../api/procedures.js';
import { DeadlineBadge, StatusBadge, dossierDeadline } from '../../dossier/badges.js';
import { DocumentUploads, type UploadState } from '../../dossier/DocumentUploads.js';
import { DossierRecords, useDossier } from '../../dossier/DossierRecords.js';
import { SearchField, StatusSelect } from '../../dossier/filters.js';
import { DossierTable } from '../../dossier/DossierTable.js';
import { formatDateTime } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useDossierSearch, useSettled } from '../../dossier/useDossierSearch.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';

export function MyDossiers() {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [status, setStatus] = useState<DossierStatus | ''>('');
  const q = useSettled(text);
  const query = useMemo<DossierQuery>(() => ({ q, ...(status ? { status: [status] } : {}) }), [q, status]);
  const { rows, error, hasMore, loading, more } = useDossierSearch(query);
  const filtered = q !== '' || status !== '';
  return (
    <section className="page page-wide">
      <BackLink to="/portal" label={t('portal.title')} />
      <h1>{t('portal.myDossiers')}</h1>
      <div className="filters" role="search">
        <SearchField value={text} placeholder={t('mine.searchHint')} onChange={setText} />
        <StatusSelect statuses={MY_STATUSES} value={status} onChange={setStatus} />
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {!rows && error === undefined && <Loading />}
      {rows && rows.length === 0 && <p className="empty">{t(filtered ? 'worklist.noMatch' : 'mine.empty')}</p>}
      {rows && rows.length > 0 && <DossierTable rows={rows} caption={t('portal.myDossiers')} linkTo={(r) => `/portal/ho-so/${r.id}`} showApplicant={false} cards />}
      {hasMore && (
        <button type="button" className="btn btn-secondary" disabled={loading} onClick={more}>
          {loading ? t('app.loading') : t('filter.more')}
        </button>
      )}
    </section>
  );
}

const MY_STATUSES: DossierStatus[] = ['new', 'received', 'processing', 'supplement_requested', 'waiting_for_fee', 'done', 'returned', 'not_received', 'withdrawn', 'stopped'];

/** The citizen's own dossier: where it is, what is asked of him (supplement), the result to download and verify, and his rating. */
export function MyDossier() {
  const { id } = useParams();
  const { t, locale } = useI18n();
  const { data, error, reload } = useDossier(id);
  const [sent, setSent] = useState(false);
  if (error !== undefined) return <section className="page"><ErrorMessage error={error} /></section>;
  if (!data) return <Loading />;
  const { detail } = data;
  const openPause = detail.pauses.find((p) => !p.endedAt);
  const result = data.documents.find((d) => d.kind === 'result');
  return (
    <section className="page page-wide">
      <BackLink to="/portal/ho-so" label={t('portal.myDossiers')} />
      <div className="page-head">
        <div>
          <p className="eyebrow">{detail.procedureName}</p>
          <h1 className="mono">{detail.code}</h1>
          <p className="meta">
            <StatusBadge status={detail.status} /> <DeadlineBadge state={dossierDeadline(detail)} /> {t('dossier.appointment')}:{' '}
            <strong>{detail.dueDate ? formatDateTime(locale, detail.dueDate) : t('dossier.appointmentAtReceipt')}</strong>
            {detail.rescheduledDueDate && <> · {t('dossier.rescheduled')}: <strong>{formatDateTime(locale, detail.rescheduledDueDate)}</strong></>}
            {detail.clockStopped && <> · {t('mine.clockStopped')}</>}
          </p>
        </div>
      </div>
      <PaymentOutcome />
      {detail.status === 'waiting_for_fee' && <FeePayment id={detail.id} />}
      {sent && detail.status !== 'supplement_requested' && (
        <p className="alert alert-success" role="status">
          {t('mine.supplementSent')}
        </p>
      )}
      {detail.status === 'supplement_requested' && (
        <SupplementAnswer
          id={detail.id}
          slug={detail.procedureSlug}
          pause={openPause}
          onSent={() => {
            setSent(true);
            reload();
          }}
        />
      )}
      {result && (detail.status === 'done' || detail.status === 'returned') && (
        <p className="alert alert-success">
          {t('mine.resultReady')}
          {result.issuedDocumentId && (
            <>
              {' '}
              <a href={`/verify/${result.issuedDocumentId}`} target="_blank" rel="noreferrer">
                {t('doc.verify')}
              </a>
            </>
          )}
        </p>
      )}
      {(detail.status === 'done' || detail.status === 'returned') && <RatingForm id={detail.id} />}
      <DossierFeedbackForm dossierId={detail.id} />
      <DossierRecords data={data} tabs={['documents', 'history', 'dossier']} />
    </section>
  );
}

/** What the gateway's return said (the portal is where the payer comes back to), shown once on arrival. */
function PaymentOutcome() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const [outcome] = useState(() => params.get('thanh-toan'));
  useEffect(() => {
    // Not shown again on a reload or a bookmark.
    if (params.has('thanh-toan')) setParams((current) => { const next = new URLSearchParams(current); next.delete('thanh-toan'); return next; }, { replace: true });
  }, [params, setParams]);
  if (outcome === 'paid') return <p className="alert alert-success" role="status">{t('pay.paid')}</p>;
  if (outcome === 'failed') return <p className="alert alert-error" role="alert">{t('pay.failed')}</p>;
  if (outcome === 'pending') return <p className="alert alert-info" role="status">{t('pay.pending')}</p>;
  return null;
}

/** The fees the dossier waits for, in đồng, and the way to the payment gateway. */
function FeePayment({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [due, setDue] = useState<FeesDue | null>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    paymentsApi.due(id).then(setDue, (e: unknown) => {
      // 404: online payment is off on this platform; the applicant pays at the counter.
      if (e instanceof ApiError && e.status === 404) setDue(null);
      else setError(e);
    });
  }, [id]);
  const dong = (amount: number) => t('pay.amount', { n: new Intl.NumberFormat(locale).format(amount) });
  const pay = () => {
    setBusy(true);
    paymentsApi.create(id).then(
      (order) => window.location.assign(order.paymentUrl),
      (e: unknown) => {
        setBusy(false);
        setError(e);
      },
    );
  };
  return (
    <section className="panel panel-attention" aria-labelledby="fee-title">
      <h2 id="fee-title">{t('pay.title')}</h2>
      <p>{t('pay.intro')}</p>
      {due === undefined && error === undefined && <Loading />}
      {due === null && <p>{t('pay.unavailable')}</p>}
      {due && (
        <>
          <table className="table">
            <caption className="visually-hidden">{t('pay.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pay.fee')}</th>
                <th scope="col">{t('pay.colAmount')}</th>
              </tr>
            </thead>
            <tbody>
              {due.fees.map((f) => (
                <tr key={f.code}>
                  <td>{f.name}</td>
                  <td>{dong(f.amount)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('pay.total')}</th>
                <td><strong>{dong(due.amount)}</strong></td>
              </tr>
            </tfoot>
          </table>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={pay}>
            {busy ? t('pay.redirecting') : t('pay.online')}
          </button>
        </>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </section>
  );
}

/**
 * The supplement request as the officer wrote it: one upload slot per document it names (each
 * needed before sending), or, when it names none, the procedure's list to add to.
 */
function SupplementAnswer({ id, slug, pause, onSent }: { id: string; slug: string | null; pause?: Pause; onSent(): void }) {
  const { t } = useI18n();
  const [entry, setEntry] = useState<PublishedEntry>();
  const [uploads, setUploads] = useState<UploadState>({ attachments: [], missing: [], busy: false });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (slug) publicProceduresApi.get(slug).then(setEntry, setError);
  }, [slug]);
  const asked = pause?.missingItems ?? [];
  const documents = useMemo(() => supplementDocuments(asked, entry), [asked.join('\n'), entry]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    dossiersApi.supplement(id, { ...(note ? { note } : {}), attachments: uploads.attachments }).then(onSent, (e: unknown) => {
      setBusy(false);
      setError(e);
    });
  };
  const ready = !uploads.busy && uploads.missing.length === 0 && (uploads.attachments.length > 0 || !!note);
  return (
    <section className="panel panel-attention" aria-labelledby="supplement-title">
      <h2 id="supplement-title">{t('mine.supplementTitle')}</h2>
      {pause && <p className="supplement-reason">{pause.reason}</p>}
      {entry && <p>{t(asked.length > 0 ? 'mine.supplementAsked' : 'mine.supplementAny')}</p>}
      <form onSubmit={submit}>
        {entry && <DocumentUploads documents={documents} onChange={setUploads} />}
        <label>
          {t('mine.supplementNote')}
          <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        {uploads.missing.length > 0 && <p className="hint">{t('mine.supplementMissing', { names: uploads.missing.join('; ') })}</p>}
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" className="btn btn-primary" disabled={busy || !ready}>
          {busy ? t('app.working') : t('mine.supplementSend')}
        </button>
      </form>
    </section>
  );
}

type RequiredDocument = PublishedEntry['requiredDocuments'][number];

/** The items a request names, each needed now (with the catalogue's details where it is one of its documents); else the whole list, none needed. */
function supplementDocuments(asked: readonly string[], entry: PublishedEntry | undefined): RequiredDocument[] {
  const catalogue = entry?.requiredDocuments ?? [];
  if (asked.length === 0) return catalogue.map(({ filledOnline: _online, ...d }) => ({ ...d, mandatory: false }));
  return asked.map((name) => {
    const known = catalogue.find((d) => d.name === name);
    // A declaration filled online that the officer asks for again is uploaded like any other document.
    return { ...(known ?? { name, originals: 0, copies: 0 }), filledOnline: false, mandatory: true };
  });
}

const SCORES = [
  { score: 5, key: 'rating.very' },
  { score: 4, key: 'rating.satisfied' },
  { score: 3, key: 'rating.neutral' },
  { score: 2, key: 'rating.unsatisfied' },
  { score: 1, key: 'rating.veryUnsatisfied' },
] as const;

/** The citizen's evaluation of how the dossier was handled (1–5; the satisfaction index counts 4 and 5), given once. */
function RatingForm({ id }: { id: string }) {
  const { t } = useI18n();
  const [given, setGiven] = useState<Rating | null>();
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    dossiersApi.rating(id).then((r) => setGiven(r ?? null), setError);
  }, [id]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!score) return;
    dossiersApi.rate(id, { score, ...(comment ? { comment } : {}) }).then(setGiven, setError);
  };
  if (given === undefined && error === undefined) return null;
  if (given) return <p className="alert alert-success" role="status">{t('rating.thanks')} {t('rating.already', { score: given.score })}</p>;
  return (
    <section className="panel" aria-labelledby="rating-title">
      <h2 id="rating-title">{t('rating.title')}</h2>
      <form onSubmit={submit}>
        <fieldset className="inline-choice">
          <legend>{t('rating.question')}</legend>
          {SCORES.map((s) => (
            <label key={s.score}>
              <input type="radio" name="score" value={s.score} checked={score === s.score} onChange={() => setScore(s.score)} /> {t(s.key)}
            </label>
          ))}
        </fieldset>
        <label>
          {t('rating.comment')}
          <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        </label>
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" className="btn btn-primary" disabled={!score}>
          {t('rating.send')}
        </button>
      </form>
    </section>
  );
}
