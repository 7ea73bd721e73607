import vm from 'node:vm';

/** A computation stopped because it ran past its limit; the caller turns it into an incident or a 4xx. */
export class LimitExceededError extends Error {}

const context = vm.createContext({ job: undefined }) as { job: undefined | (() => unknown) };
const invoke = new vm.Script('job()');

/**
 * Runs a synchronous computation for at most `milliseconds`. Node's script timeout terminates
 * everything running on the thread, host functions called from the script included, so an
 * expression or template that would loop for seconds is stopped instead of holding every request.
 * Starting the timeout costs a watchdog thread (about 0.15 ms): callers use it around work that
 * may be long, not around every property read.
 */
export function runBounded<T>(milliseconds: number, what: string, computation: () => T): T {
  const outer = context.job;
  // Nested calls run inside the outer call's limit: Node cannot stack two script timeouts usefully.
  if (outer !== undefined) return computation();
  context.job = computation;
  try {
    return invoke.runInContext(context, { timeout: milliseconds }) as T;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new LimitExceededError(`${what} took longer than ${milliseconds} ms and was stopped`);
    }
    throw error;
  } finally {
    context.job = undefined;
  }
}

/** True when the error, or an error it was raised from, is a limit breach. */
export function isLimitExceeded(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof LimitExceededError) return true;
  return false;
}
