/** Path of the portal's lookup page (admin-ui/src/areas/portal/PortalArea.tsx, route "tra-cuu"). */
export const PUBLIC_LOOKUP_PATH = '/portal/tra-cuu';

/** The address printed on receipts, where anyone follows a dossier with its code and the applicant's number. */
export function publicLookupUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}${PUBLIC_LOOKUP_PATH}`;
}
