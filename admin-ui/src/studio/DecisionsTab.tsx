import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { Catalogue } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';
import { Loading } from '../shell/common.js';
import { filesUnder } from './bundle-files.js';
import { addDecision, DECISIONS_FOLDER, decisionFileName, deleteDecision, newDecisionTable, renameDecision } from './decision-files.js';

// dmn-js is loaded only when an analyst opens a decision table.
const DecisionEditor = lazy(() => import('./DecisionEditor.js'));

interface Props {
  files: Record<string, string>;
  catalogue: Catalogue;
  /** Replaces the whole file map: adding, renaming or deleting also rewrites procedure.json. */
  onFiles(update: (files: Record<string, string>) => Record<string, string>): void;
  onChange(path: string, content: string): void;
  /** The file shown: kept by the editor, so that a lint report row can open it. */
  selected?: string;
  onSelect(path: string | undefined): void;
}

type Naming = { kind: 'add' } | { kind: 'rename'; from: string };

/** The bundle's decision tables (decisions/*.dmn): the list with add, rename and delete, and the editor. */
export function DecisionsTab({ files, catalogue, onFiles, onChange, selected, onSelect }: Props) {
  const { t } = useI18n();
  const paths = filesUnder(files, DECISIONS_FOLDER, '.dmn');
  const [naming, setNaming] = useState<Naming>();
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string>();
  const current = selected && paths.includes(selected) ? selected : paths[0];
  const fileOf = (path: string) => path.slice(DECISIONS_FOLDER.length);

  function startNaming(next: Naming) {
    setNaming(next);
    setName(next.kind === 'rename' ? fileOf(next.from).replace(/\.dmn$/, '') : '');
    setProblem(undefined);
  }

  function submitName(event: FormEvent) {
    event.preventDefault();
    const fileName = decisionFileName(name);
    if (!fileName) return setProblem(t('decisions.badName'));
    if (`${DECISIONS_FOLDER}${fileName}` in files) return setProblem(t('decisions.exists', { name: fileName }));
    if (naming?.kind === 'add') {
      const title = name.trim().replace(/\.dmn$/i, '');
      onFiles((all) => addDecision(all, catalogue, fileName, newDecisionTable(fileName, title)));
    } else if (naming?.kind === 'rename') {
      onFiles((all) => renameDecision(all, catalogue, fileOf(naming.from), fileName));
    }
    onSelect(`${DECISIONS_FOLDER}${fileName}`);
    setNaming(undefined);
  }

  function remove(path: string) {
    if (!window.confirm(t('decisions.deleteConfirm', { name: fileOf(path) }))) return;
    onFiles((all) => deleteDecision(all, catalogue, fileOf(path)));
    onSelect(undefined);
  }

  return (
    <div className="decisions-tab">
      <nav className="file-list" aria-label={t('editor.tab.decisions')}>
        <h3>{t('decisions.files')}</h3>
        {paths.length === 0 && <p className="muted">{t('decisions.none')}</p>}
        <ul>
          {paths.map((path) => (
            <li key={path}>
              <button type="button" className="link-button" aria-current={path === current} onClick={() => onSelect(path)}>
                {fileOf(path)}
              </button>
            </li>
          ))}
        </ul>
        <div className="file-actions">
          <button type="button" className="btn btn-secondary btn-small" onClick={() => startNaming({ kind: 'add' })}>
            {t('decisions.add')}
          </button>
          {current && (
            <>
              <button type="button" className="btn btn-secondary btn-small" onClick={() => startNaming({ kind: 'rename', from: current })}>
                {t('decisions.rename')}
              </button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => remove(current)}>
                {t('decisions.delete')}
              </button>
            </>
          )}
        </div>
        {naming && (
          <form className="file-name-form" onSubmit={submitName}>
            <label>
              {naming.kind === 'add' ? t('decisions.newName') : t('decisions.renameTo', { name: fileOf(naming.from) })}
              <span className="input-suffix">
                <input autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!problem} />
                <span className="mono">.dmn</span>
              </span>
            </label>
            {problem && <p className="field-error" role="alert">{problem}</p>}
            <div className="file-actions">
              <button type="submit" className="btn btn-primary btn-small">{t('decisions.confirm')}</button>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => setNaming(undefined)}>{t('decisions.cancel')}</button>
            </div>
          </form>
        )}
      </nav>
      {current && (
        <Suspense fallback={<Loading label={t('decisions.loading')} />}>
          <DecisionEditor key={current} xml={files[current]} onChange={(xml) => onChange(current, xml)} />
        </Suspense>
      )}
    </div>
  );
}
