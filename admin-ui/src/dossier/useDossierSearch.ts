import { useCallback, useEffect, useState } from 'react';
import { dossiersApi, type DossierQuery, type DossierRow } from '../api/dossiers.js';

export interface DossierSearch {
  rows?: DossierRow[];
  error?: unknown;
  /** More dossiers match than are shown. */
  hasMore: boolean;
  loading: boolean;
  more(): void;
}

/**
 * The dossiers matching a query, filtered by the server a page at a time; a new query starts
 * again from the first page, and an answer that arrives after the query changed is dropped.
 */
export function useDossierSearch(query: DossierQuery, pageSize = 50): DossierSearch {
  const [rows, setRows] = useState<DossierRow[]>();
  const [next, setNext] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(query);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(undefined);
    dossiersApi
      .find(JSON.parse(key) as DossierQuery, pageSize)
      .then(
        (page) => {
          if (!live) return;
          setRows(page.items);
          setNext(page.next);
        },
        (e: unknown) => live && setError(e),
      )
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [key, pageSize]);

  const more = useCallback(() => {
    if (!next) return;
    setLoading(true);
    dossiersApi
      .find(JSON.parse(key) as DossierQuery, pageSize, next)
      .then((page) => {
        setRows((current) => [...(current ?? []), ...page.items]);
        setNext(page.next);
      }, setError)
      .finally(() => setLoading(false));
  }, [key, next, pageSize]);

  return { rows, error, hasMore: next !== undefined, loading, more };
}

/** A value that follows its source after the user stops typing for `ms`. */
export function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
