import { useEffect, useState } from 'react';

/** Now (epoch ms), renewed every `intervalMs`: enough for "now" and "next", which change by the minute. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
