import type { ProcedureRow } from '../api/procedures.js';
import type { User } from '../auth/AuthProvider.js';

/**
 * The procedures a user may edit, as the server decides it (AccessPolicy.canManageProcedure):
 * administrators and province-wide analysts all of them, an agency's analyst his agency's.
 */
export function managedBy(user: User | undefined, rows: ProcedureRow[]): ProcedureRow[] {
  if (!user || user.roles.includes('admin') || !user.agencyCode) return rows;
  return rows.filter((row) => row.agencyCode === user.agencyCode);
}
