/**
 * The job types the platform registers workers for, with the task headers each reads and the
 * variables each produces. Lint refuses a service task whose type is not here; the workers feature
 * keeps this list in step with what it registers.
 */
export interface WorkerType {
  type: string;
  requiredHeaders: readonly string[];
  optionalHeaders: readonly string[];
  /** Root names of the variables the worker sets (`documents` covers `documents.<documentKind>`). */
  outputs: readonly string[];
  /** Allowed values of some headers. */
  headerValues?: Readonly<Record<string, readonly string[]>>;
}

export const WORKER_TYPES: readonly WorkerType[] = [
  { type: 'motcua.document', requiredHeaders: ['template', 'documentKind'], optionalHeaders: ['signerRoles'], outputs: ['documents'] },
  {
    type: 'motcua.sign',
    requiredHeaders: ['documentKind', 'signerRole'],
    optionalHeaders: [],
    outputs: [],
    headerValues: { signerRole: ['leader', 'clerk'] },
  },
  {
    type: 'motcua.notify',
    requiredHeaders: ['channel', 'template'],
    optionalHeaders: [],
    outputs: [],
    headerValues: { channel: ['email', 'sms', 'all'] },
  },
  { type: 'motcua.consultation', requiredHeaders: ['question', 'deadlineDays'], optionalHeaders: [], outputs: ['consultationDueDate'] },
  { type: 'motcua.fee', requiredHeaders: ['feeCode'], optionalHeaders: [], outputs: [] },
  { type: 'motcua.status', requiredHeaders: ['status'], optionalHeaders: [], outputs: [] },
];

/** Variables the platform sets when it starts a dossier's process (docs/procedure-bundles.md). */
export const START_VARIABLES: readonly string[] = [
  'dossierId',
  'dossierCode',
  'procedureCode',
  'agencyCode',
  'applicant',
  'application',
  'channel',
  'hasFee',
  'dueDate',
  'warningDate',
];
