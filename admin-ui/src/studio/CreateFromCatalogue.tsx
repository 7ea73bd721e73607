import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { proceduresApi, type ProcedureRow } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import { NewProcedureFields, type NewProcedure } from './NewProcedureFields.js';

/**
 * A new procedure from its record in the national catalogue of administrative procedures, pasted or
 * loaded from a .json file, on the model of an existing procedure. The engine reads and checks the record.
 */
export function CreateFromCatalogue({ procedures, onCancel }: { procedures: ProcedureRow[]; onCancel(): void }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [target, setTarget] = useState<NewProcedure>({ source: procedures[0].slug, slug: '' });
  const [record, setRecord] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(record);
    } catch {
      setError(new Error(t('catalogueImport.notJson')));
      return;
    }
    setBusy(true);
    try {
      await proceduresApi.importCatalogue(target.slug, target.source, parsed as Record<string, unknown>);
      void navigate(`/studio/${target.slug}`);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  }

  return (
    <form className="panel form-grid" onSubmit={submit} aria-labelledby="catalogue-import-title">
      <h2 id="catalogue-import-title">{t('catalogueImport.title')}</h2>
      <p className="muted wide">{t('catalogueImport.intro')}</p>
      <label className="wide">
        {t('catalogueImport.record')}
        <textarea required rows={12} value={record} onChange={(e) => setRecord(e.target.value)} spellCheck={false} aria-describedby="record-help" />
        <small id="record-help">{t('catalogueImport.recordHelp')}</small>
      </label>
      {/* A button in the page's language rather than the browser's own "Choose file" control; the record shows in the box above. */}
      <div className="wide">
        <label className="btn btn-secondary file-button">
          {t('catalogueImport.file')}
          <input type="file" accept=".json,application/json" onChange={(e) => void e.target.files?.[0]?.text().then(setRecord)} />
        </label>
      </div>
      <NewProcedureFields procedures={procedures} value={target} onChange={setTarget} sourceLabel={t('catalogueImport.template')} />
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
