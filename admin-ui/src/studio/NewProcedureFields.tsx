import { useId } from 'react';
import type { ProcedureRow } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';

/** The slug rule of the engine's SaveDraftDto (engine/src/procedures/procedures.dto.ts). */
const SLUG_PATTERN = '[a-z0-9]+(-[a-z0-9]+)*';

export interface NewProcedure {
  /** The procedure whose bundle the new one is copied from. */
  source: string;
  slug: string;
}

interface Props {
  procedures: ProcedureRow[];
  value: NewProcedure;
  onChange(value: NewProcedure): void;
  /** What the copied procedure stands for here: a whole bundle, or only its process and forms. */
  sourceLabel: string;
}

/**
 * What every new procedure needs, however it is started: the procedure it is modelled on and its
 * identifier in addresses. Rendered inside the caller's form grid.
 */
export function NewProcedureFields({ procedures, value, onChange, sourceLabel }: Props) {
  const { t } = useI18n();
  const help = useId();
  return (
    <>
      <label>
        {sourceLabel}
        <select value={value.source} onChange={(e) => onChange({ ...value, source: e.target.value })}>
          {procedures.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.code} – {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('create.slug')}
        <input required pattern={SLUG_PATTERN} value={value.slug} onChange={(e) => onChange({ ...value, slug: e.target.value })} aria-describedby={help} />
        <small id={help}>{t('create.slugHelp')}</small>
      </label>
    </>
  );
}
