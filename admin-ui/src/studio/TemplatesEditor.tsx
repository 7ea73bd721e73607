import { useEffect, useState } from 'react';
import { proceduresApi } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage, Loading } from '../shell/common.js';
import { filesUnder } from './bundle-files.js';

/**
 * Handlebars documents of the bundle, and a preview of the one being edited: the server prints it
 * on sample data of the procedure, as a dossier's document would be (shared partials included).
 */
export function TemplatesEditor({ slug, files, onChange }: { slug: string; files: Record<string, string>; onChange(path: string, content: string): void }) {
  const { t } = useI18n();
  const all = filesUnder(files, 'templates/', '.hbs');
  const own = all.filter((p) => !p.startsWith('templates/common/'));
  const common = all.filter((p) => p.startsWith('templates/common/'));
  const [current, setCurrent] = useState(own[0] ?? common[0]);

  return (
    <div className="templates-editor">
      <nav className="file-list" aria-label={t('editor.tab.templates')}>
        {[
          [t('templates.own'), own],
          [t('templates.common'), common],
        ].map(([title, paths]) => (
          <div key={title as string}>
            <h3>{title as string}</h3>
            <ul>
              {(paths as string[]).map((path) => (
                <li key={path}>
                  <button type="button" className="link-button" aria-current={path === current} onClick={() => setCurrent(path)}>
                    {path.slice('templates/'.length)}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      {current && (
        <label className="code-editor">
          <span className="mono">{current}</span>
          <textarea spellCheck={false} value={files[current] ?? ''} onChange={(e) => onChange(current, e.target.value)} />
        </label>
      )}
      {current && <TemplatePreview slug={slug} path={current} source={files[current] ?? ''} />}
    </div>
  );
}

/** The printed template in a frame that runs no script, refreshed when asked (the source may be mid-edit). */
function TemplatePreview({ slug, path, source }: { slug: string; path: string; source: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<{ path: string; url: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => () => shown && URL.revokeObjectURL(shown.url), [shown]);

  const render = () => {
    setBusy(true);
    setError(undefined);
    proceduresApi
      .templatePreview(slug, source)
      .then((html) => setShown({ path, url: URL.createObjectURL(new Blob([html], { type: 'text/html' })) }), setError)
      .finally(() => setBusy(false));
  };

  return (
    <section className="template-preview" aria-labelledby="template-preview-title">
      <div className="template-preview-head">
        <h3 id="template-preview-title">{t('templates.preview')}</h3>
        <button type="button" className="btn btn-secondary btn-small" onClick={render} disabled={busy}>
          {shown?.path === path ? t('templates.previewAgain') : t('templates.previewRender')}
        </button>
      </div>
      <p className="hint">{t('templates.previewHint')}</p>
      {error !== undefined && <ErrorMessage error={error} />}
      {busy && <Loading />}
      {shown?.path === path && <iframe src={shown.url} title={t('templates.previewFrame', { path: path.slice('templates/'.length) })} sandbox="allow-same-origin" />}
    </section>
  );
}
