import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api';

export interface Loaded<T> {
  data: T | null;
  /** Why the load failed while there was nothing to show; a failed reload keeps the data shown. */
  error: string | null;
  reload: () => Promise<void>;
}

export function failureText(error: unknown): string {
  return error instanceof ApiError ? error.message : `the server could not be reached (${String(error)})`;
}

/** Loads when `key` changes and on demand; answers for an earlier key that arrive late are dropped. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null }>({ key, data: null, error: null });
  // The latest `load` (a new closure every render); the key says when it asks for something else.
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  });

  const reload = useCallback(async () => {
    try {
      const data = await latestLoad.current();
      setState((current) => (current.key === key || current.data === null ? { key, data, error: null } : current));
    } catch (error) {
      setState((current) =>
        current.key === key && current.data !== null ? current : { key, data: null, error: failureText(error) },
      );
    }
  }, [key]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return state.key === key ? { ...state, reload } : { data: null, error: null, reload };
}
