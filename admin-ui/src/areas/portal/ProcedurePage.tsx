import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { publicProceduresApi } from '../../api/dossiers.js';
import type { PublishedEntry } from '../../api/procedures.js';
import { formatMoney } from '../../dossier/format.js';
import { BackLink } from '../../dossier/records.js';
import { useI18n } from '../../i18n/i18n.js';
import { ErrorMessage, Loading } from '../../shell/common.js';
import { workingTime } from './Catalogue.js';
import { offeringNames } from '../../dossier/AgencyChoice.js';

/** A procedure as the citizen reads it: who handles it, how long, what it costs, what to bring, on what legal basis. */
export default function ProcedurePage() {
  const { slug } = useParams();
  const { t, locale } = useI18n();
  const [entry, setEntry] = useState<PublishedEntry>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (slug) publicProceduresApi.get(slug).then(setEntry, setError);
  }, [slug]);
  if (error !== undefined) return <section className="page"><ErrorMessage error={error} /></section>;
  if (!entry) return <Loading />;
  const time = entry.processingTime;
  return (
    <section className="page">
      <BackLink to="/portal" label={t('portal.title')} />
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {entry.code} · {entry.field}
          </p>
          <h1>{entry.name}</h1>
          <p className="lead">{offeringNames(entry)}</p>
        </div>
        {entry.onlineMode !== 'none' ? (
          <Link className="btn btn-primary" to={`/portal/thu-tuc/${entry.slug}/nop`}>
            {t('portal.apply')}
          </Link>
        ) : (
          <p className="alert alert-info">{t('procedure.counterOnly')}</p>
        )}
      </div>
      <div className="grid-2">
        <section className="panel">
          <h2>{t('procedure.time')}</h2>
          <dl className="facts">
            <div><dt>{t('catalogue.legalTime')}</dt><dd>{workingTime(t, time.legal)}</dd></div>
            {time.reduced && <div><dt>{t('catalogue.reducedTime')}</dt><dd><strong>{workingTime(t, time.reduced)}</strong></dd></div>}
            <div><dt>{t('portal.online')}</dt><dd><span className={`badge badge-${entry.onlineMode}`}>{t(`portal.online.${entry.onlineMode}`)}</span></dd></div>
            <div><dt>{t('catalogue.resultType')}</dt><dd>{entry.resultType}</dd></div>
          </dl>
        </section>
        <section className="panel">
          <h2>{t('catalogue.fees')}</h2>
          {entry.fees.length === 0 ? (
            <p>{t('portal.free')}</p>
          ) : (
            <ul className="plain">
              {entry.fees.map((f) => (
                <li key={f.code ?? f.name}>
                  <strong>{f.amount === 0 ? t('portal.free') : formatMoney(locale, f.amount)}</strong> — {f.name}
                  {f.note && <small className="muted"> ({f.note})</small>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      <section className="panel">
        <h2>{t('catalogue.documents')}</h2>
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('catalogue.docName')}</th>
                <th scope="col">{t('catalogue.originals')}</th>
                <th scope="col">{t('catalogue.copies')}</th>
                <th scope="col">{t('catalogue.mandatory')}</th>
              </tr>
            </thead>
            <tbody>
              {entry.requiredDocuments.map((d) => (
                <tr key={d.name}>
                  <td>
                    {d.name}
                    {d.note && (
                      <>
                        <br />
                        <small className="muted">{d.note}</small>
                      </>
                    )}
                  </td>
                  <td>{d.originals}</td>
                  <td>{d.copies}</td>
                  <td>{d.mandatory ? t('app.yes') : t('app.no')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="panel">
        <h2>{t('procedure.legalBasis')}</h2>
        <ul>
          {entry.legalBasis.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>
    </section>
  );
}
