import { useEffect, useState } from 'react';
import { feedbackApi, type Feedback } from '../../api/feedback.js';
import { formatDateTime } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';

const STATE_KEYS = { open: 'feedback.state.open', overdue: 'feedback.state.overdue', answered: 'feedback.state.answered', answered_late: 'feedback.state.answeredLate' } as const;

/** Feedback for supervisors (every agency) and leaders (their own): the unanswered first, answered in place. */
export default function FeedbackList() {
  const { t, locale } = useI18n();
  const [show, setShow] = useState<'all' | 'unanswered'>('unanswered');
  const [items, setItems] = useState<Feedback[]>();
  const [error, setError] = useState<unknown>();
  // Bumped after an answer, to read the list again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    feedbackApi.list(show).then((r) => setItems(r.items), setError);
  }, [show, version]);
  return (
    <section className="page page-wide" data-area="dashboard">
      <h1>{t('feedback.listTitle')}</h1>
      <div className="filters">
        <label>
          {t('feedback.show')}
          <select value={show} onChange={(e) => setShow(e.target.value as 'all' | 'unanswered')}>
            <option value="unanswered">{t('feedback.show.unanswered')}</option>
            <option value="all">{t('feedback.show.all')}</option>
          </select>
        </label>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
      {!items && error === undefined && <Loading />}
      {items && items.length === 0 && <p className="empty">{t('feedback.none')}</p>}
      {items && items.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>{t('feedback.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('feedback.code')}</th>
                <th scope="col">{t('feedback.agency')}</th>
                <th scope="col">{t('feedback.from')}</th>
                <th scope="col">{t('feedback.content')}</th>
                <th scope="col">{t('feedback.due')}</th>
                <th scope="col">{t('feedback.stateCol')}</th>
                <th scope="col">{t('feedback.answer')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((f) => (
                <tr key={f.id}>
                  <th scope="row">{f.code}</th>
                  <td>{f.agencyName}</td>
                  <td>
                    {f.authorName}
                    <br />
                    <small className="muted">{f.contact}</small>
                  </td>
                  <td>{f.content}</td>
                  <td>{formatDateTime(locale, f.dueAt)}</td>
                  <td className={f.state === 'overdue' || f.state === 'answered_late' ? 'cell-bad' : ''}>{t(STATE_KEYS[f.state])}</td>
                  <td>{f.answer ?? <AnswerForm feedback={f} onAnswered={() => setVersion((v) => v + 1)} />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AnswerForm({ feedback, onAnswered }: { feedback: Feedback; onAnswered: () => void }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState<unknown>();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        feedbackApi.answer(feedback.id, answer).then(onAnswered, setError);
      }}
    >
      <label>
        <span className="visually-hidden">{t('feedback.answer')}</span>
        <textarea rows={2} value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label={t('feedback.answerFor', { code: feedback.code })} />
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      <button type="submit" className="btn btn-secondary" disabled={!answer.trim()}>
        {t('feedback.sendAnswer')}
      </button>
    </form>
  );
}
