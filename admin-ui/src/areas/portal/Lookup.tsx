import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.js';
import { dossiersApi, type PublicLookup } from '../../api/dossiers.js';
import { StatusBadge } from '../../dossier/badges.js';
import { formatDateTime } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage } from '../../shell/common.js';

/** Public lookup of a dossier's progress by its code and the identity number typed on its application form, without an account. */
export default function Lookup() {
  const { t, locale } = useI18n();
  const [code, setCode] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [result, setResult] = useState<PublicLookup | 'none' | 'tooMany'>();
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setResult(undefined);
    dossiersApi.lookup(code.trim().toUpperCase(), idNumber.trim()).then(setResult, (e: unknown) => {
      if (e instanceof ApiError && e.status === 404) setResult('none');
      // The server limits lookups per address (they could be used to guess who filed which dossier).
      else if (e instanceof ApiError && e.status === 429) setResult('tooMany');
      else setError(e);
    });
  };
  return (
    <section className="page narrow">
      <BackLink to="/portal" label={t('portal.title')} />
      <h1>{t('lookup.title')}</h1>
      <p className="lead">{t('lookup.intro')}</p>
      <ol>
        <li>{t('lookup.needCode')}</li>
        <li>{t('lookup.needIdNumber')}</li>
      </ol>
      <form className="form-grid" onSubmit={submit}>
        <label>
          {t('col.code')}
          <input required value={code} placeholder="UBND-XA-HH-250612-0001" onChange={(e) => setCode(e.target.value)} autoComplete="off" />
        </label>
        <label>
          {t('lookup.idNumber')}
          {/* A letter is allowed: the criminal record form takes a passport number. */}
          <input required pattern="\d{9}|\d{12}|[A-Za-z]\d{7,8}" title={t('lookup.idNumberHint')} value={idNumber} onChange={(e) => setIdNumber(e.target.value)} autoComplete="off" />
        </label>
        <div className="wide actions">
          <button type="submit" className="btn btn-primary">
            {t('lookup.search')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {error !== undefined && <ErrorMessage error={error} />}
        {result === 'none' && <p className="alert alert-warning">{t('lookup.none')}</p>}
        {result === 'tooMany' && <p className="alert alert-warning">{t('lookup.tooMany')}</p>}
        {result && typeof result === 'object' && (
          <section className="panel">
            <h2 className="mono">{result.code}</h2>
            <dl className="facts">
              <div><dt>{t('col.procedure')}</dt><dd>{result.procedureName}</dd></div>
              <div><dt>{t('col.status')}</dt><dd><StatusBadge status={result.status} /></dd></div>
              <div><dt>{t('lookup.received')}</dt><dd>{formatDateTime(locale, result.receivedAt)}</dd></div>
              <div><dt>{t('dossier.appointment')}</dt><dd>{formatDateTime(locale, result.dueDate)}</dd></div>
              {result.finishedAt && <div><dt>{t('lookup.finished')}</dt><dd>{formatDateTime(locale, result.finishedAt)}</dd></div>}
            </dl>
          </section>
        )}
      </div>
    </section>
  );
}
