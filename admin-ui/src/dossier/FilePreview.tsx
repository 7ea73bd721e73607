import { useEffect, useRef, useState } from 'react';
import { fetchBlob } from '../api/dossiers.js';
import { useI18n } from '../i18n/i18n.js';
import { ErrorMessage, Loading } from '../shell/common.js';

interface Props {
  /** API path of the file (an upload or an issued PDF); fetched with the bearer token. */
  path: string;
  title: string;
  onClose(): void;
}

/**
 * A modal preview of a PDF (the browser's own viewer in an iframe) or an image, from a blob URL:
 * the files are behind the bearer token, so a plain link would not open them.
 */
export function FilePreview({ path, title, onClose }: Props) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const [file, setFile] = useState<{ url: string; type: string }>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    dialog.current?.showModal();
    let url: string | undefined;
    fetchBlob(path).then((blob) => {
      url = URL.createObjectURL(blob);
      setFile({ url, type: blob.type });
    }, setError);
    return () => {
      if (url) URL.revokeObjectURL(url);
    };
  }, [path]);

  return (
    <dialog ref={dialog} className="preview-dialog" aria-label={title} onClose={onClose} onCancel={onClose}>
      <div className="preview-head">
        <h2>{title}</h2>
        <div className="actions">
          {file && (
            <a className="btn btn-secondary btn-small" href={file.url} download={title}>
              {t('doc.download')}
            </a>
          )}
          <button type="button" className="btn btn-secondary btn-small" onClick={() => dialog.current?.close()}>
            {t('app.close')}
          </button>
        </div>
      </div>
      <div className="preview-body">
        {error !== undefined && <ErrorMessage error={error} />}
        {!file && error === undefined && <Loading />}
        {file && file.type.startsWith('image/') && <img src={file.url} alt={title} />}
        {file && !file.type.startsWith('image/') && <iframe src={file.url} title={title} />}
      </div>
    </dialog>
  );
}

/** Downloads a protected file under the given name. */
export async function saveFile(path: string, fileName: string): Promise<void> {
  const blob = await fetchBlob(path);
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
