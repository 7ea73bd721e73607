import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { proceduresApi, type PublishedEntry, type WorkingTime } from '../../api/procedures.js';
import { useAuth } from '../../auth/AuthProvider.js';
import { matches } from '../../dossier/format.js';
import { useI18n, type Translate } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { offeringNames } from '../../dossier/AgencyChoice.js';

export function workingTime(t: Translate, time: WorkingTime): string {
  return t(time.unit === 'workingDays' ? 'unit.workingDays' : 'unit.workingHours', { n: time.value });
}

/** The public catalogue: published procedures, readable before signing in. */
export function Catalogue() {
  const { t, locale } = useI18n();
  const { state } = useAuth();
  const [entries, setEntries] = useState<PublishedEntry[]>();
  const [error, setError] = useState<unknown>();
  const [query, setQuery] = useState('');

  useEffect(() => {
    proceduresApi.publicCatalogue().then(setEntries, setError);
  }, []);

  const shown = useMemo(() => {
    // Accents optional: "dang ky kinh doanh" finds "Đăng ký hộ kinh doanh".
    return entries?.filter((e) => matches(query, [e.name, e.code, e.field, offeringNames(e)]));
  }, [entries, query]);

  const money = new Intl.NumberFormat(locale, { style: 'currency', currency: 'VND' });

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>{t('portal.title')}</h1>
          <p className="lead">{t('portal.intro')}</p>
        </div>
        <div className="actions">
          <Link className="btn btn-secondary" to="/portal/tra-cuu">
            {t('lookup.title')}
          </Link>
          <Link className="btn btn-secondary" to="/portal/phan-anh">
            {t('feedback.link')}
          </Link>
          {state.status === 'signed-in' && state.user.roles.includes('citizen') && (
            <Link className="btn btn-primary" to="/portal/ho-so">
              {t('portal.myDossiers')}
            </Link>
          )}
        </div>
      </div>
      <label className="search">
        <span className="visually-hidden">{t('portal.search')}</span>
        <input type="search" placeholder={t('portal.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      {!shown && error === undefined && <Loading />}
      {shown && shown.length === 0 && <p>{t('portal.empty')}</p>}
      <ul className="cards">
        {shown?.map((entry) => {
          const fee = entry.fees.reduce((sum, f) => sum + f.amount, 0);
          return (
            <li key={entry.slug} className="card">
              <h2>
                <Link to={`/portal/thu-tuc/${entry.slug}`}>{entry.name}</Link>
              </h2>
              <dl className="facts">
                <div><dt>{t('portal.code')}</dt><dd>{entry.code}</dd></div>
                <div><dt>{t('portal.field')}</dt><dd>{entry.field}</dd></div>
                <div><dt>{t('portal.agency')}</dt><dd>{offeringNames(entry)}</dd></div>
                <div><dt>{t('portal.time')}</dt><dd>{workingTime(t, entry.processingTime.reduced ?? entry.processingTime.legal)}</dd></div>
                <div><dt>{t('portal.fee')}</dt><dd>{fee === 0 ? t('portal.free') : money.format(fee)}</dd></div>
                <div><dt>{t('portal.online')}</dt><dd><span className={`badge badge-${entry.onlineMode}`}>{t(`portal.online.${entry.onlineMode}`)}</span></dd></div>
              </dl>
              <div className="actions">
                <Link className="btn btn-secondary btn-small" to={`/portal/thu-tuc/${entry.slug}`}>
                  {t('portal.details')}
                  <span className="visually-hidden">: {entry.name}</span>
                </Link>
                {entry.onlineMode !== 'none' && (
                  <Link className="btn btn-primary btn-small" to={`/portal/thu-tuc/${entry.slug}/nop`}>
                    {t('portal.apply')}
                    <span className="visually-hidden">: {entry.name}</span>
                  </Link>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
