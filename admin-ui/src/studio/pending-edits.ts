import { createContext, useContext, useEffect, useRef } from 'react';

/** A debounced function as the bpmn-io properties panels call it: they flush or cancel it themselves on blur and unmount. */
export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  flush(): void;
  cancel(): void;
}

/**
 * The values typed into an editor's properties panel and not yet committed to its model: bpmn-js,
 * form-js and dmn-js commit a keystroke 300 ms after the last one (their `debounceInput` /
 * `debounce` services). This replaces that service with the same delay, but remembers what is
 * waiting so that Save, Check and Publish can commit it first.
 */
export class PendingInput {
  private readonly waiting = new Set<() => void>();

  constructor(private readonly wait = 300) {}

  readonly debounce = <A extends unknown[]>(fn: (...args: A) => unknown): Debounced<A> => {
    const waiting = this.waiting;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: A | undefined;
    const cancel = () => {
      clearTimeout(timer);
      timer = undefined;
      last = undefined;
      waiting.delete(flush);
    };
    function flush() {
      if (!last) return;
      const args = last;
      cancel();
      fn(...args);
    }
    const debounced = (...args: A) => {
      clearTimeout(timer);
      last = args;
      waiting.add(flush);
      timer = setTimeout(flush, this.wait);
    };
    return Object.assign(debounced, { flush, cancel });
  };

  /** Commits every value still waiting for its delay. */
  flush(): void {
    for (const flush of [...this.waiting]) flush();
  }

  /** The service for an editor's injector, under the name its properties panel asks for. */
  module(service: 'debounceInput' | 'debounce'): Record<string, ['value', unknown]> {
    return { [service]: ['value', this.debounce] };
  }
}

/** Registers an editor's "commit what is typed and report the file" step; returns its removal. */
type Register = (flush: () => Promise<void>) => () => void;

export const PendingEditsContext = createContext<Register | undefined>(undefined);

/** Lets the procedure editor commit this editor's pending edits before it saves, checks or publishes. */
export function useFlushBeforeSave(flush: () => Promise<void>): void {
  const register = useContext(PendingEditsContext);
  const latest = useRef(flush);
  latest.current = flush;
  useEffect(() => register?.(() => latest.current()), [register]);
}
