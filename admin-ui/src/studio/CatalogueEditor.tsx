import type { Catalogue, WorkingTime } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';

type Props = { catalogue: Catalogue; onChange(next: Catalogue): void };

/**
 * procedure.json's catalogue data as a form: what citizens read on the portal and what due dates
 * are computed from. The bundle's wiring (models, forms, templates lists) is edited in its tabs.
 */
export function CatalogueEditor({ catalogue, onChange }: Props) {
  const { t } = useI18n();
  const set = <K extends keyof Catalogue>(key: K, value: Catalogue[K]) => onChange({ ...catalogue, [key]: value });
  const fees = catalogue.fees;
  const documents = catalogue.requiredDocuments;

  return (
    <div className="catalogue-editor">
      <fieldset className="panel form-grid">
        <legend>{t('catalogue.basic')}</legend>
        <Text label={t('catalogue.name')} value={catalogue.name} onChange={(v) => set('name', v)} wide />
        <Text label={t('catalogue.code')} value={catalogue.code} onChange={(v) => set('code', v)} />
        <Text label={t('catalogue.field')} value={catalogue.field} onChange={(v) => set('field', v)} />
        <label>
          {t('catalogue.level')}
          <select value={catalogue.level} onChange={(e) => set('level', e.target.value)}>
            {/* The two tiers of local government (decision 0016); a level configured otherwise stays selectable. */}
            {[...new Set(['province', 'commune', catalogue.level])].map((level) => (
              <option key={level} value={level}>
                {level === 'province' || level === 'district' || level === 'commune' ? t(`level.${level}`) : level}
              </option>
            ))}
          </select>
        </label>
        <Text label={t('catalogue.agencyCode')} value={catalogue.agency.code} onChange={(v) => set('agency', { ...catalogue.agency, code: v })} />
        <Text label={t('catalogue.agencyName')} value={catalogue.agency.name} onChange={(v) => set('agency', { ...catalogue.agency, name: v })} />
        <Text label={t('catalogue.resultType')} value={catalogue.resultType} onChange={(v) => set('resultType', v)} wide />
        <label>
          {t('catalogue.onlineMode')}
          <select value={catalogue.onlineMode} onChange={(e) => set('onlineMode', e.target.value as Catalogue['onlineMode'])}>
            {(['full', 'partial', 'none'] as const).map((mode) => (
              <option key={mode} value={mode}>
                {t(`portal.online.${mode}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('catalogue.supplementPolicy')}
          <select value={catalogue.supplementPolicy} onChange={(e) => set('supplementPolicy', e.target.value as Catalogue['supplementPolicy'])}>
            <option value="resume">{t('catalogue.supplement.resume')}</option>
            <option value="restart">{t('catalogue.supplement.restart')}</option>
          </select>
        </label>
      </fieldset>

      <fieldset className="panel form-grid">
        <legend>{t('catalogue.time')}</legend>
        <Time label={t('catalogue.legalTime')} value={catalogue.processingTime.legal} onChange={(legal) => legal && set('processingTime', { ...catalogue.processingTime, legal })} />
        <Time
          label={t('catalogue.reducedTime')}
          value={catalogue.processingTime.reduced}
          onChange={(reduced) => set('processingTime', reduced ? { ...catalogue.processingTime, reduced } : { legal: catalogue.processingTime.legal })}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('catalogue.fees')}</legend>
        <RowsTable
          headers={[t('catalogue.feeCode'), t('catalogue.feeName'), t('catalogue.feeAmount'), t('catalogue.note')]}
          rows={fees.map((fee, i) => [
            <input key="c" aria-label={t('catalogue.feeCode')} value={fee.code ?? ''} onChange={(e) => set('fees', replace(fees, i, withOptional(fee, 'code', e.target.value)))} />,
            <input key="n" aria-label={t('catalogue.feeName')} required value={fee.name} onChange={(e) => set('fees', replace(fees, i, { ...fee, name: e.target.value }))} />,
            <input key="a" aria-label={t('catalogue.feeAmount')} type="number" min={0} step={1000} value={fee.amount} onChange={(e) => set('fees', replace(fees, i, { ...fee, amount: Number(e.target.value) }))} />,
            <input key="o" aria-label={t('catalogue.note')} value={fee.note ?? ''} onChange={(e) => set('fees', replace(fees, i, withOptional(fee, 'note', e.target.value)))} />,
          ])}
          onAdd={() => set('fees', [...fees, { name: '', amount: 0 }])}
          onRemove={(i) => set('fees', fees.filter((_, j) => j !== i))}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('catalogue.documents')}</legend>
        <RowsTable
          headers={[t('catalogue.docName'), t('catalogue.originals'), t('catalogue.copies'), t('catalogue.mandatory'), t('catalogue.note')]}
          rows={documents.map((doc, i) => [
            <textarea key="n" aria-label={t('catalogue.docName')} rows={2} value={doc.name} onChange={(e) => set('requiredDocuments', replace(documents, i, { ...doc, name: e.target.value }))} />,
            <input key="o" aria-label={t('catalogue.originals')} type="number" min={0} value={doc.originals} onChange={(e) => set('requiredDocuments', replace(documents, i, { ...doc, originals: Number(e.target.value) }))} />,
            <input key="c" aria-label={t('catalogue.copies')} type="number" min={0} value={doc.copies} onChange={(e) => set('requiredDocuments', replace(documents, i, { ...doc, copies: Number(e.target.value) }))} />,
            <input key="m" aria-label={t('catalogue.mandatory')} type="checkbox" checked={doc.mandatory} onChange={(e) => set('requiredDocuments', replace(documents, i, { ...doc, mandatory: e.target.checked }))} />,
            <textarea key="t" aria-label={t('catalogue.note')} rows={2} value={doc.note ?? ''} onChange={(e) => set('requiredDocuments', replace(documents, i, withOptional(doc, 'note', e.target.value)))} />,
          ])}
          onAdd={() => set('requiredDocuments', [...documents, { name: '', originals: 1, copies: 0, mandatory: true }])}
          onRemove={(i) => set('requiredDocuments', documents.filter((_, j) => j !== i))}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('catalogue.consulted')}</legend>
        <RowsTable
          headers={[t('catalogue.agencyCode'), t('catalogue.agencyName')]}
          rows={(catalogue.consultedAgencies ?? []).map((agency, i, all) => [
            <input key="c" aria-label={t('catalogue.agencyCode')} value={agency.code} onChange={(e) => set('consultedAgencies', replace(all, i, { ...agency, code: e.target.value }))} />,
            <input key="n" aria-label={t('catalogue.agencyName')} value={agency.name} onChange={(e) => set('consultedAgencies', replace(all, i, { ...agency, name: e.target.value }))} />,
          ])}
          onAdd={() => set('consultedAgencies', [...(catalogue.consultedAgencies ?? []), { code: '', name: '' }])}
          onRemove={(i) => set('consultedAgencies', (catalogue.consultedAgencies ?? []).filter((_, j) => j !== i))}
        />
      </fieldset>

      <fieldset className="panel">
        <legend>{t('catalogue.legalBasis')}</legend>
        <textarea
          aria-label={t('catalogue.legalBasis')}
          className="full"
          rows={Math.max(3, catalogue.legalBasis.length + 1)}
          value={catalogue.legalBasis.join('\n')}
          onChange={(e) => set('legalBasis', e.target.value.split('\n').filter((line, i, lines) => line.trim() || i < lines.length - 1))}
        />
      </fieldset>
    </div>
  );
}

function replace<T>(list: T[], index: number, item: T): T[] {
  return list.map((existing, i) => (i === index ? item : existing));
}

/** Optional text fields are absent rather than empty, as the schema expects. */
function withOptional<T extends object, K extends keyof T>(item: T, key: K, value: string): T {
  const copy = { ...item };
  if (value) (copy as Record<K, string>)[key] = value;
  else delete copy[key];
  return copy;
}

function Text({ label, value, onChange, wide }: { label: string; value: string; onChange(v: string): void; wide?: boolean }) {
  return (
    <label className={wide ? 'wide' : undefined}>
      {label}
      <input required value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function Time({ label, value, onChange }: { label: string; value?: WorkingTime; onChange(v: WorkingTime | undefined): void }) {
  const { t } = useI18n();
  return (
    <div className="time-field" role="group" aria-label={label}>
      <span className="time-label">{label}</span>
      <input
        aria-label={label}
        type="number"
        min={0}
        value={value?.value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : { value: Number(e.target.value), unit: value?.unit ?? 'workingDays' })}
      />
      <select aria-label={t('catalogue.unit')} value={value?.unit ?? 'workingDays'} disabled={!value} onChange={(e) => value && onChange({ ...value, unit: e.target.value as WorkingTime['unit'] })}>
        <option value="workingDays">{t('unit.workingDays', { n: '' }).trim()}</option>
        <option value="workingHours">{t('unit.workingHours', { n: '' }).trim()}</option>
      </select>
    </div>
  );
}

function RowsTable({ headers, rows, onAdd, onRemove }: { headers: string[]; rows: React.ReactNode[][]; onAdd(): void; onRemove(index: number): void }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table className="table table-edit">
        <thead>
          <tr>
            {headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('catalogue.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, i) => (
            <tr key={i}>
              {cells.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
              <td>
                <button type="button" className="btn btn-ghost btn-small" onClick={() => onRemove(i)}>
                  {t('catalogue.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="btn btn-secondary btn-small" onClick={onAdd}>
        {t('catalogue.add')}
      </button>
    </div>
  );
}
