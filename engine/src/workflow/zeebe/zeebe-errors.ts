import { WorkflowError } from '../workflow-engine.port.js';

interface HttpSdkError {
  name: 'HttpSdkError';
  status: number;
  title?: string;
  detail?: string;
}

function isHttpSdkError(error: unknown): error is HttpSdkError {
  return (error as { name?: unknown } | null)?.name === 'HttpSdkError' && typeof (error as HttpSdkError).status === 'number';
}

function isConsistencyTimeout(error: unknown): error is { lastStatus?: number } {
  return (error as { name?: unknown } | null)?.name === 'EventualConsistencyTimeoutError';
}

/**
 * Runs one cluster call and translates the REST API's problem details into the port's errors, so
 * callers handle "not found" or "wrong state" the same way on both engines. Other failures
 * (network, authentication, 5xx) pass through unchanged.
 */
export async function callCluster<T>(
  action: string,
  call: () => Promise<T>,
  badRequest: 'INVALID_ARGUMENT' | 'INVALID_MODEL' = 'INVALID_ARGUMENT',
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    // A read by key that kept answering 404 while waiting for secondary storage: it does not exist.
    if (isConsistencyTimeout(error) && error.lastStatus === 404) {
      throw new WorkflowError('NOT_FOUND', `${action}: not found`);
    }
    if (!isHttpSdkError(error)) throw error;
    const reason = error.detail ?? error.title ?? `HTTP ${error.status}`;
    const message = `${action}: ${reason}`;
    switch (error.status) {
      case 400:
        throw new WorkflowError(badRequest, message);
      case 404:
        throw new WorkflowError('NOT_FOUND', message);
      case 409:
        throw new WorkflowError(error.title === 'ALREADY_EXISTS' ? 'ALREADY_EXISTS' : 'INVALID_STATE', message);
      default:
        throw error;
    }
  }
}
