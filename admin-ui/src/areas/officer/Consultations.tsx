import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { consultationsApi, type Consultation } from '../../api/dossiers.js';
import { formatDateTime } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { OfficerTabs } from './OfficerTabs.js';

/** Inbox of inter-agency consultations (lấy ý kiến) addressed to the officer's agency, each with its own deadline. */
export default function Consultations() {
  const { t, locale } = useI18n();
  const [items, setItems] = useState<Consultation[] | null>();
  const [error, setError] = useState<unknown>();
  const load = useCallback(() => {
    setError(undefined);
    consultationsApi.inbox().then((list) => setItems(list ?? null), setError);
  }, []);
  useEffect(load, [load]);
  const open = (items ?? []).filter((c) => c.status === 'open');
  const answered = (items ?? []).filter((c) => c.status === 'answered');
  return (
    <section className="page page-wide">
      <h1>{t('area.worklist')}</h1>
      <OfficerTabs />
      <h2>{t('consult.title')}</h2>
      {error !== undefined && <ErrorMessage error={error} onRetry={load} />}
      {items === undefined && error === undefined && <Loading />}
      {items === null && <p className="alert alert-info">{t('consult.unavailable')}</p>}
      {items && items.length === 0 && <p className="empty">{t('consult.empty')}</p>}
      {open.length > 0 && (
        <ul className="consultations">
          {open.map((c) => (
            <ConsultationCard key={c.id} consultation={c} onAnswered={load} />
          ))}
        </ul>
      )}
      {answered.length > 0 && (
        <>
          <h3>{t('consult.answered')}</h3>
          <div className="table-scroll">
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('col.code')}</th>
                  <th scope="col">{t('consult.question')}</th>
                  <th scope="col">{t('consult.answer')}</th>
                  <th scope="col">{t('consult.answeredAt')}</th>
                </tr>
              </thead>
              <tbody>
                {answered.map((c) => (
                  <tr key={c.id}>
                    <td className="mono">{c.dossierCode}</td>
                    <td>{c.question}</td>
                    <td>{c.answer}</td>
                    <td>
                      {formatDateTime(locale, c.answeredAt)} · {c.answeredByName}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function ConsultationCard({ consultation: c, onAnswered }: { consultation: Consultation; onAnswered(): void }) {
  const { t, locale } = useI18n();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    consultationsApi.answer(c.id, answer).then(onAnswered, setError);
  };
  return (
    <li className="card">
      <h3>
        <span className="mono">{c.dossierCode}</span> {c.procedureName && `· ${c.procedureName}`}
      </h3>
      <p className="meta">
        {t('consult.from')}: {c.requestingAgency} · {t('consult.requested')}: {formatDateTime(locale, c.requestedAt)} ·{' '}
        <span className={`badge badge-deadline badge-deadline-${c.late ? 'late' : 'on_time'}`}>
          {t('consult.due')}: {formatDateTime(locale, c.dueAt)}
        </span>
      </p>
      <p>{c.question}</p>
      <form onSubmit={submit}>
        <label>
          {t('consult.answer')}
          <textarea required rows={3} value={answer} onChange={(e) => setAnswer(e.target.value)} />
        </label>
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" className="btn btn-primary">
          {t('consult.send')}
        </button>
      </form>
    </li>
  );
}
