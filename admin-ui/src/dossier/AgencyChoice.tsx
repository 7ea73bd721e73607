import type { PublishedEntry } from '../api/procedures.js';
import { useI18n } from '../i18n/i18n.js';

/**
 * The competent agency of a new dossier, for a procedure several agencies offer (every commune):
 * the applicant or the officer chooses it; with one offering agency there is nothing to choose.
 */
export function AgencyChoice({ entry, value, onChange }: { entry: PublishedEntry; value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const offered = entry.offeringAgencies ?? [entry.agency];
  if (offered.length <= 1) return null;
  return (
    <label className="wide agency-choice">
      {t('agency.competent')} <span aria-hidden="true">*</span>
      {/* Not `required`: the browser's own check would stop the submit before the page's error summary lists every problem. */}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('agency.choose')}</option>
        {offered.map((a) => (
          <option key={a.code} value={a.code}>
            {a.name}
          </option>
        ))}
      </select>
      {/* The procedure's own law says which agency is competent; the generic hint only when it says nothing. */}
      <span className="hint">{entry.offeredBy?.choiceHint ?? t('agency.chooseHint')}</span>
    </label>
  );
}

/** The agency a new dossier starts with: the only one offering it, or the officer's own when it offers it. */
export function initialAgency(entry: PublishedEntry, own?: string): string {
  const offered = entry.offeringAgencies ?? [entry.agency];
  if (offered.length === 1) return offered[0].code;
  return offered.some((a) => a.code === own) ? own! : '';
}

/** The name of the dossier's competent agency among those offering the procedure. */
export function competentAgencyName(entry: PublishedEntry, code: string): string {
  return (entry.offeringAgencies ?? [entry.agency]).find((a) => a.code === code)?.name ?? entry.agency.name;
}

/** Who offers the procedure, as the catalogue shows it. */
export function offeringNames(entry: PublishedEntry): string {
  return (entry.offeringAgencies ?? [entry.agency]).map((a) => a.name).join(', ');
}
