import { WorkflowError, type Variables } from '../workflow-engine.port.js';

/** Zeebe's limit on the size of a variables document. */
const maxVariablesBytes = 4 * 1024 * 1024;

export function parseKey(value: string, what: string): number {
  if (!/^\d{1,16}$/.test(String(value))) throw new WorkflowError('INVALID_ARGUMENT', `'${value}' is not a valid ${what} key`);
  return Number(value);
}

export function checkVariables(variables: Variables | undefined): void {
  if (variables === undefined || variables === null) return;
  if (typeof variables !== 'object' || Array.isArray(variables)) {
    throw new WorkflowError('INVALID_ARGUMENT', 'Variables must be a JSON object');
  }
  const size = Buffer.byteLength(JSON.stringify(variables));
  if (size > maxVariablesBytes) {
    throw new WorkflowError('INVALID_ARGUMENT', `The variables document is ${size} bytes; the limit is ${maxVariablesBytes} bytes (4 MB)`);
  }
}
