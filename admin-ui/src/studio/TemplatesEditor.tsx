import { useState } from 'react';
import { useI18n } from '../i18n/i18n.js';
import { filesUnder } from './bundle-files.js';

/**
 * Handlebars documents of the bundle. The PDF preview needs the server to render a template on
 * sample data; until the documents module offers that, the preview area says so.
 */
export function TemplatesEditor({ files, onChange }: { files: Record<string, string>; onChange(path: string, content: string): void }) {
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
      <section className="template-preview" aria-labelledby="template-preview-title">
        <h3 id="template-preview-title">{t('templates.preview')}</h3>
        <div className="placeholder">
          <span className="badge badge-muted">{t('placeholder.title')}</span>
          <p>{t('templates.previewUnavailable')}</p>
        </div>
      </section>
    </div>
  );
}
