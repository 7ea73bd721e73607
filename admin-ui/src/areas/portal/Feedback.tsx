import { useEffect, useState, type FormEvent } from 'react';
import { useAuth } from '../../auth/AuthProvider.js';
import { feedbackApi, type Feedback } from '../../api/feedback.js';
import { proceduresApi } from '../../api/procedures.js';
import { formatDateTime } from '../../dossier/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage } from '../../shell/common.js';

/** What the citizen sees once his feedback is filed: the code to quote and when the answer is due. */
function Filed({ feedback }: { feedback: Feedback }) {
  const { t, locale } = useI18n();
  return (
    <p className="alert alert-success" role="status">
      {t('feedback.filed', { code: feedback.code, agency: feedback.agencyName, due: formatDateTime(locale, feedback.dueAt) })}
    </p>
  );
}

/** Feedback about one of the citizen's own dossiers: its agency answers. */
export function DossierFeedbackForm({ dossierId }: { dossierId: string }) {
  const { t } = useI18n();
  const [content, setContent] = useState('');
  const [contact, setContact] = useState('');
  const [filed, setFiled] = useState<Feedback>();
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    feedbackApi.file({ dossierId, content, ...(contact ? { contact } : {}) }).then(setFiled, setError);
  };
  if (filed) return <Filed feedback={filed} />;
  return (
    <details className="panel">
      <summary>{t('feedback.aboutDossier')}</summary>
      <form onSubmit={submit}>
        <label>
          {t('feedback.content')}
          <textarea rows={3} required value={content} onChange={(e) => setContent(e.target.value)} />
        </label>
        <label>
          {t('feedback.contact')}
          <input value={contact} onChange={(e) => setContact(e.target.value)} placeholder={t('feedback.contactHint')} />
        </label>
        {error !== undefined && <ErrorMessage error={error} />}
        <button type="submit" className="btn btn-primary" disabled={!content.trim()}>
          {t('feedback.send')}
        </button>
      </form>
    </details>
  );
}

interface AgencyChoice {
  code: string;
  name: string;
}

/** The general feedback page: signed in or not, about an agency and optionally one of its procedures. */
export default function FeedbackPage() {
  const { t } = useI18n();
  const { state } = useAuth();
  const signedIn = state.status === 'signed-in';
  const [procedures, setProcedures] = useState<{ code: string; name: string; agencies: AgencyChoice[] }[]>([]);
  const [procedureCode, setProcedureCode] = useState('');
  const [agencyCode, setAgencyCode] = useState('');
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  const [content, setContent] = useState('');
  const [filed, setFiled] = useState<Feedback>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    proceduresApi.publicCatalogue().then((list) => setProcedures(list.map((p) => ({ code: p.code, name: p.name, agencies: p.offeringAgencies }))), setError);
  }, []);
  const agencies = [...new Map(procedures.filter((p) => !procedureCode || p.code === procedureCode).flatMap((p) => p.agencies).map((a) => [a.code, a])).values()].sort((a, b) =>
    a.name.localeCompare(b.name, 'vi'),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const about = { agencyCode, ...(procedureCode ? { procedureCode } : {}), content };
    (signedIn ? feedbackApi.file({ ...about, ...(contact ? { contact } : {}) }) : feedbackApi.fileAnonymously({ ...about, name, contact })).then(setFiled, setError);
  };
  return (
    <section className="page" data-area="portal">
      <h1>{t('feedback.title')}</h1>
      <p className="lead">{t('feedback.intro')}</p>
      {filed ? (
        <Filed feedback={filed} />
      ) : (
        <form className="panel" onSubmit={submit}>
          <label>
            {t('col.procedure')}
            <select value={procedureCode} onChange={(e) => setProcedureCode(e.target.value)}>
              <option value="">{t('feedback.anyProcedure')}</option>
              {procedures.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('feedback.agency')}
            <select required value={agencyCode} onChange={(e) => setAgencyCode(e.target.value)}>
              <option value="">{t('feedback.chooseAgency')}</option>
              {agencies.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
          {!signedIn && (
            <label>
              {t('feedback.name')}
              <input required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
          )}
          <label>
            {t('feedback.contact')}
            <input required={!signedIn} value={contact} onChange={(e) => setContact(e.target.value)} placeholder={t('feedback.contactHint')} />
          </label>
          <label>
            {t('feedback.content')}
            <textarea rows={5} required value={content} onChange={(e) => setContent(e.target.value)} />
          </label>
          {error !== undefined && <ErrorMessage error={error} />}
          <button type="submit" className="btn btn-primary" disabled={!agencyCode || !content.trim()}>
            {t('feedback.send')}
          </button>
        </form>
      )}
    </section>
  );
}
