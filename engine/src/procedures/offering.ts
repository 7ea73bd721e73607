import type { AgencyDirectory } from '../documents/agency-directory.js';
import type { Agency, ProcedureCatalogue } from './bundle.js';

/**
 * The agencies that offer a procedure, each competent for the dossiers filed with it. A commune-level
 * procedure is defined once and offered by every commune of the directory (two-tier local
 * government since 1 July 2025: commune procedures are the same in every commune); a bundle
 * without `offeredBy` is offered by its own agency alone.
 */
export function offeringAgencies(catalogue: Pick<ProcedureCatalogue, 'agency' | 'offeredBy'>, directory: AgencyDirectory): Agency[] {
  const offered = catalogue.offeredBy;
  if (!offered) return [{ code: catalogue.agency.code, name: catalogue.agency.name }];
  const listed = offered.agencies;
  if (offered.level) {
    return directory
      .atLevel(offered.level)
      .filter((entry) => !listed || listed.includes(entry.code))
      .map((entry) => ({ code: entry.code, name: entry.name }));
  }
  return (listed ?? []).map((code) => ({ code, name: directory.nameOf(code) }));
}
