import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/i18n.js';

interface Props {
  /** The editors hold changes not yet saved: they are saved into the draft and published with it. */
  unsaved: boolean;
  onConfirm(note: string): void;
  onCancel(): void;
}

/**
 * Publishing changes what every new dossier follows: the analyst confirms it and says why, and the
 * note stays with the version in its history.
 */
export function PublishDialog({ unsaved, onConfirm, onCancel }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [note, setNote] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (note.trim()) onConfirm(note.trim());
  }

  return (
    <dialog ref={dialog} className="confirm-dialog" aria-labelledby="publish-confirm-title" onCancel={onCancel} onClose={onCancel}>
      <form onSubmit={submit}>
        <h2 id="publish-confirm-title">{t('publish.confirmTitle')}</h2>
        <p>{t('publish.confirmText')}</p>
        {unsaved && <p className="alert alert-warning">{t('publish.unsavedIncluded')}</p>}
        <label className="field">
          {t('publish.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} required maxLength={2000} rows={3} autoFocus />
        </label>
        <div className="actions">
          <button type="button" className="btn btn-secondary" onClick={onCancel}>
            {t('publish.cancel')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!note.trim()}>
            {t('publish.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
