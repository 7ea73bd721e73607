import { BadRequestException } from '@nestjs/common';
import { Role } from '../auth/roles.js';
import type { AgencyDirectory } from '../documents/agency-directory.js';
import type { Agency, ProcedureCatalogue } from '../procedures/bundle.js';
import { offeringAgencies } from '../procedures/offering.js';

/**
 * The agency competent for a new dossier: the one the applicant (online) or the officer (counter)
 * chose among those offering the procedure. Without a choice: the only one offering it, or, at the
 * counter, the officer's own agency when it offers it. Never a guess among several: a dossier
 * routed to the wrong commune is handled by the wrong people.
 */
export function competentAgency(
  catalogue: Pick<ProcedureCatalogue, 'code' | 'agency' | 'offeredBy'>,
  directory: AgencyDirectory,
  chosen: string | undefined,
  receivingAgency?: string,
): string {
  const offered = offeringAgencies(catalogue, directory);
  const codes = offered.map((a) => a.code);
  if (chosen !== undefined) {
    if (codes.includes(chosen)) return chosen;
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message:
        `Thủ tục ${catalogue.code} không do cơ quan ${chosen} thực hiện; chọn một trong: ${codes.join(', ')}. ` +
        `(Procedure ${catalogue.code} is not offered by ${chosen}; choose one of ${codes.join(', ')}.)`,
      agencies: offered,
    });
  }
  if (codes.length === 1) return codes[0];
  if (receivingAgency && codes.includes(receivingAgency)) return receivingAgency;
  throw new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message:
      `Thủ tục ${catalogue.code} do nhiều cơ quan thực hiện: chọn cơ quan giải quyết hồ sơ (agency). ` +
      `(Procedure ${catalogue.code} is offered by several agencies: name the competent one in 'agency'.)`,
    agencies: offered,
  });
}

/**
 * The agency holding a step: reception steps (receipt, return of the result) at the centre that
 * received the dossier, every other step at the competent agency.
 */
export function holdingAgency(dossier: { agencyCode: string; receivingAgencyCode: string | null }, group: string | null | undefined): string {
  return group === Role.Reception ? (dossier.receivingAgencyCode ?? dossier.agencyCode) : dossier.agencyCode;
}

/** The dossier's competent agency with its name: the catalogue's own, or one of the directory. */
export function dossierAgency(dossier: { agencyCode: string }, catalogue: Pick<ProcedureCatalogue, 'agency'>, directory: AgencyDirectory): Agency {
  if (dossier.agencyCode === catalogue.agency.code) return catalogue.agency;
  return { code: dossier.agencyCode, name: directory.nameOf(dossier.agencyCode) };
}

/** Where the receipt says the dossier was received and the result is returned. */
export function receptionUnit(dossier: { receivingAgencyCode: string | null }, agency: Agency, directory: AgencyDirectory): string {
  const name = dossier.receivingAgencyCode ? directory.nameOf(dossier.receivingAgencyCode) : agency.name;
  // A public-administration service centre is itself the one-stop desk.
  return /^Trung tâm/i.test(name) ? name : `Bộ phận Một cửa - ${name}`;
}
