import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client.js';
import { proceduresApi, type BundleDiff, type LintReport, type VersionSummary } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage } from '../shell/common.js';
import { LintReportView } from './LintReportView.js';
import { catalogueLabel, catalogueValue } from './catalogue-diff.js';
import { elementPropertyLabel, elementTypeLabel, fieldTypeLabel } from './diff-labels.js';
import { PublishDialog } from './PublishDialog.js';
import { formatVersionTime } from './version-time.js';

interface Props {
  slug: string;
  /** The editors hold unsaved edits; when it turns false the draft was saved and the diff is read again. */
  dirty: boolean;
  /** Commits the editors' pending edits; true when the draft then differs from the saved one. */
  unsavedAfterFlush(): Promise<boolean>;
  /** Saves the draft if it has unsaved edits; throws when the server refuses it. */
  saveChanges(): Promise<void>;
  onPublished(): void;
  onSelectElement(file: string, elementId: string): void;
}

/** Check (the server's lint), compare the draft with the published version, publish, roll back. */
export function PublishPanel({ slug, dirty, unsavedAfterFlush, saveChanges, onPublished, onSelectElement }: Props) {
  const { t } = useI18n();
  // The confirmation, and whether it has unsaved edits to save first.
  const [confirming, setConfirming] = useState<{ unsaved: boolean }>();
  const [report, setReport] = useState<LintReport>();
  const [versions, setVersions] = useState<VersionSummary[]>();
  const [diff, setDiff] = useState<BundleDiff | null>();
  const [busy, setBusy] = useState<'lint' | 'publish' | 'rollback'>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<unknown>();

  const refresh = useCallback(async () => {
    const list = await proceduresApi.versions(slug);
    setVersions(list);
    setDiff(list[0] ? await proceduresApi.diff(slug, list[0].version, 'draft') : null);
  }, [slug]);

  useEffect(() => {
    refresh().catch(setError);
  }, [refresh, dirty]);

  async function run(kind: 'lint' | 'publish' | 'rollback', action: () => Promise<void>) {
    setBusy(kind);
    setNotice(undefined);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      // A refused publish answers 422 with the lint report: show it as the report, not as a crash.
      const lint = e instanceof ApiError ? (e.body as { lint?: LintReport } | undefined)?.lint : undefined;
      if (lint) setReport(lint);
      setError(e);
    } finally {
      setBusy(undefined);
    }
  }

  // Both act on what the analyst sees: unsaved edits are saved into the draft first.
  const lint = () =>
    run('lint', async () => {
      await saveChanges();
      setReport(await proceduresApi.lint(slug));
    });
  const confirmPublish = () => void unsavedAfterFlush().then((unsaved) => setConfirming({ unsaved }), setError);
  const publish = (note: string) =>
    run('publish', async () => {
      setConfirming(undefined);
      await saveChanges();
      const result = await proceduresApi.publish(slug, note);
      setNotice(t(result.created ? 'publish.published' : 'publish.unchanged', { version: result.version.version }));
      await refresh();
      onPublished();
    });
  const rollback = (version: number) => {
    if (!window.confirm(t('publish.rollbackConfirm', { version }))) return;
    void run('rollback', async () => {
      const result = await proceduresApi.rollback(slug, version);
      setNotice(t('publish.rolledBack', { version: result.version.version }));
      await refresh();
      onPublished();
    });
  };
  const current = versions?.[0]?.version;

  return (
    <div className="publish-panel">
      <div className="actions">
        <button type="button" className="btn btn-secondary" onClick={lint} disabled={!!busy}>
          {busy === 'lint' ? t('publish.linting') : t('publish.lint')}
        </button>
        <button type="button" className="btn btn-primary" onClick={confirmPublish} disabled={!!busy}>
          {busy === 'publish' ? t('publish.publishing') : t('publish.publish')}
        </button>
      </div>
      {confirming && <PublishDialog unsaved={confirming.unsaved} onConfirm={(note) => void publish(note)} onCancel={() => setConfirming(undefined)} />}
      {notice && <p className="alert alert-success" role="status">{notice}</p>}
      {error !== undefined && <ErrorMessage error={error} />}

      {report && (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t('publish.report')}</h2>
          <LintReportView report={report} onSelectElement={onSelectElement} />
        </section>
      )}

      <section aria-labelledby="diff-title">
        <h2 id="diff-title">{t('publish.diff')}{current ? ` (${current} → ${t('publish.draftLabel')})` : ''}</h2>
        {diff === null && <p>{t('publish.diffNoVersion')}</p>}
        {diff && <DiffView diff={diff} />}
      </section>

      <section aria-labelledby="versions-title">
        <h2 id="versions-title">{t('publish.versions')}</h2>
        {versions?.length === 0 && <p>{t('publish.versionsNone')}</p>}
        {versions && versions.length > 0 && (
          <div className="table-scroll table-cards">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('publish.col.version')}</th>
                  <th scope="col">{t('publish.col.publishedAt')}</th>
                  <th scope="col">{t('publish.col.publishedBy')}</th>
                  <th scope="col">{t('publish.col.note')}</th>
                  <th scope="col">{t('publish.col.lint')}</th>
                  <th scope="col"><span className="visually-hidden">{t('publish.rollback')}</span></th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.id}>
                    <td data-label={t('publish.col.version')}>
                      {v.version}
                      {v.version === current && <span className="badge badge-published">{t('publish.current')}</span>}
                      {v.restoredFrom !== null && <span className="muted"> ({t('publish.restoredFrom', { version: v.restoredFrom })})</span>}
                    </td>
                    <td data-label={t('publish.col.publishedAt')}>{formatVersionTime(v.publishedAt)}</td>
                    <td data-label={t('publish.col.publishedBy')}>{v.publishedByName ?? v.publishedBy}</td>
                    <td data-label={t('publish.col.note')}>{v.note ?? '—'}</td>
                    <td data-label={t('publish.col.lint')}>{t('publish.counts', { errors: v.errors, warnings: v.warnings })}</td>
                    <td>
                      {v.version !== current && (
                        <button type="button" className="btn btn-secondary btn-small" disabled={!!busy} onClick={() => rollback(v.version)}>
                          {t('publish.rollback')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function show(value: unknown): string {
  if (value === undefined || value === null) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function DiffView({ diff }: { diff: BundleDiff }) {
  const { t, lang, locale } = useI18n();
  const vi = lang === 'vi';
  // A value that is another element's id (a flow's new target) shows that element's name first.
  const showElement = (value: unknown) => (typeof value === 'string' && diff.elementNames[value] ? `${diff.elementNames[value]} (${value})` : show(value));
  const empty = !diff.catalogue.length && !diff.elements.length && !diff.formFields.length && !diff.files.length;
  if (empty) return <p data-testid="diff">{t('publish.diffNone')}</p>;
  return (
    <div className="diff" data-testid="diff">
      {diff.catalogue.length > 0 && (
        <>
          <h3>{t('publish.diff.catalogue')}</h3>
          <ul>
            {diff.catalogue.map((c) => (
              <li key={c.property}>
                <span>{catalogueLabel(c.property, t)}</span>: <del>{catalogueValue(c.property, c.before, t, locale)}</del> → <ins>{catalogueValue(c.property, c.after, t, locale)}</ins>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.elements.length > 0 && (
        <>
          <h3>{t('publish.diff.elements')}</h3>
          <ul>
            {diff.elements.map((e) => (
              <li key={`${e.processId}/${e.id}`}>
                <span className={`badge badge-${e.change}`}>{t(`publish.change.${e.change}`)}</span> {e.name ?? e.id} <span className="muted">({elementTypeLabel(e.type, vi)}, <span className="mono">{e.id}</span>)</span>
                {e.changes && (
                  <ul>
                    {e.changes.map((c) => (
                      <li key={c.property}>
                        <span>{elementPropertyLabel(c.property, vi)}</span>: <del>{showElement(c.before)}</del> → <ins>{showElement(c.after)}</ins>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.formFields.length > 0 && (
        <>
          <h3>{t('publish.diff.formFields')}</h3>
          <ul>
            {diff.formFields.map((f) => (
              <li key={`${f.form}/${f.key}`}>
                <span className={`badge badge-${f.change}`}>{t(`publish.change.${f.change}`)}</span> <span className="mono">{f.form}</span> · {f.label ?? f.key} <span className="muted">({fieldTypeLabel(f.type, vi)}, <span className="mono">{f.key}</span>)</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.files.length > 0 && (
        <>
          <h3>{t('publish.diff.files')}</h3>
          <ul>
            {diff.files.map((f) => (
              <li key={f.path}>
                <span className={`badge badge-${f.change}`}>{t(`publish.change.${f.change}`)}</span> <span className="mono">{f.path}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
