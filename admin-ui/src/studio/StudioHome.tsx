import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { proceduresApi, type ProcedureRow } from '../api/procedures.js';
import { useAuth } from '../auth/AuthProvider.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage, Loading } from '../shell/common.js';
import { copyBundle } from './bundle-files.js';
import { CreateFromCatalogue } from './CreateFromCatalogue.js';
import { LintReportView } from './LintReportView.js';
import { managedBy } from './managed-procedures.js';
import { NewProcedureFields, type NewProcedure } from './NewProcedureFields.js';
import type { LintReport } from '../api/procedures.js';

/** The analyst's start page: every procedure with its status and version; create or import one. */
export default function StudioHome() {
  const { t } = useI18n();
  const { state } = useAuth();
  const user = state.status === 'signed-in' ? state.user : undefined;
  const [rows, setRows] = useState<ProcedureRow[]>();
  const [error, setError] = useState<unknown>();
  const [creating, setCreating] = useState(false);
  const [fromCatalogue, setFromCatalogue] = useState(false);
  const [imported, setImported] = useState<{ slug: string; lint: LintReport }>();
  const [importing, setImporting] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  const load = useCallback(() => {
    setError(undefined);
    // Other agencies' procedures would only answer 403: they are not offered.
    proceduresApi.list().then((all) => setRows(managedBy(user, all)), setError);
  }, [user]);
  useEffect(load, [load]);

  async function importZip(file: File) {
    setImporting(true);
    setError(undefined);
    try {
      const result = await proceduresApi.importZip(file);
      setImported({ slug: result.procedure.slug, lint: result.lint });
      load();
    } catch (e) {
      setError(e);
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <section className="page">
      <div className="page-head">
        <div>
          <h1>{t('studio.title')}</h1>
          <p className="lead">{t('studio.intro')}</p>
        </div>
        <div className="actions">
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} disabled={!rows || rows.length === 0}>
            {t('studio.create')}
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setFromCatalogue(true)} disabled={!rows || rows.length === 0}>
            {t('studio.createFromCatalogue')}
          </button>
          <label className="btn btn-secondary file-button">
            {importing ? t('studio.importing') : t('studio.import')}
            <input ref={fileInput} type="file" accept=".zip,application/zip" onChange={(e) => e.target.files?.[0] && importZip(e.target.files[0])} />
          </label>
        </div>
      </div>
      {creating && rows && <CreateFromTemplate procedures={rows} onCancel={() => setCreating(false)} />}
      {fromCatalogue && rows && <CreateFromCatalogue procedures={rows} onCancel={() => setFromCatalogue(false)} />}
      {imported && (
        <div className="alert alert-info" role="status">
          {t('studio.imported', { slug: imported.slug })} <Link to={`/studio/${imported.slug}`}>{t('studio.open')}</Link>
          <LintReportView report={imported.lint} compact />
        </div>
      )}
      {user?.agencyCode && !user.roles.includes('admin') && <p className="muted">{t('studio.otherAgencies')}</p>}
      {error !== undefined && <ErrorMessage error={error} onRetry={load} />}
      {!rows && error === undefined && <Loading />}
      {rows && rows.length === 0 && <p>{t('studio.empty')}</p>}
      {rows && rows.length > 0 && (
        <div className="table-scroll table-cards">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('studio.col.code')}</th>
                <th scope="col">{t('studio.col.name')}</th>
                <th scope="col">{t('studio.col.field')}</th>
                <th scope="col">{t('studio.col.agency')}</th>
                <th scope="col">{t('studio.col.status')}</th>
                <th scope="col">{t('studio.col.version')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td className="mono" data-label={t('studio.col.code')}>{row.code}</td>
                  <td data-label={t('studio.col.name')}>
                    <Link to={`/studio/${row.slug}`}>{row.name}</Link>
                  </td>
                  <td data-label={t('studio.col.field')}>{row.field}</td>
                  <td data-label={t('studio.col.agency')}>{row.agencyName}</td>
                  <td data-label={t('studio.col.status')}>
                    <span className={`badge badge-${row.status}`}>{t(`studio.status.${row.status}`)}</span>
                  </td>
                  <td data-label={t('studio.col.version')}>{row.currentVersion ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function CreateFromTemplate({ procedures, onCancel }: { procedures: ProcedureRow[]; onCancel(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [target, setTarget] = useState<NewProcedure>({ source: procedures[0].slug, slug: '' });
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const template = await proceduresApi.draft(target.source);
      await proceduresApi.saveDraft(target.slug, copyBundle(template.files, { slug: target.slug, code, name }));
      void navigate(`/studio/${target.slug}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">{t('create.title')}</h2>
      <NewProcedureFields procedures={procedures} value={target} onChange={setTarget} sourceLabel={t('create.source')} />
      <label>
        {t('create.code')}
        <input required value={code} onChange={(e) => setCode(e.target.value)} />
      </label>
      <label>
        {t('create.name')}
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('create.submit')}
        </button>
        <button type="button" className="btn btn-secondary" onClick={onCancel}>
          {t('create.cancel')}
        </button>
      </div>
    </form>
  );
}
