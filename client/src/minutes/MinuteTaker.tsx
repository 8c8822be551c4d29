import { useEffect, useState } from 'react';
import type { MinutesStatus, NominateAck } from '@roundtable/shared';
import type { Person } from '../people/usePresence';
import { minuteTakerChoices } from './minuteTakerChoices';

/** Long enough to read, short enough not to linger. */
const MESSAGE_MS = 6000;

interface MinuteTakerProps {
  status: MinutesStatus | null;
  people: readonly Person[];
  /** The moderator also gets the select. */
  moderator: boolean;
  nominate: (name: string | null) => Promise<NominateAck>;
}

/** Who takes the minutes, for everyone; the moderator names them among the people here. */
export function MinuteTaker({ status, people, moderator, nominate }: MinuteTakerProps) {
  // While a nomination is on its way the select shows the choice, not the old name.
  const [pending, setPending] = useState<{ name: string | null } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const current = status?.minuteTaker ?? null;

  useEffect(() => {
    if (!message) return;
    const timeout = setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => clearTimeout(timeout);
  }, [message]);

  const choose = async (name: string | null) => {
    setPending({ name });
    setMessage(null);
    try {
      const answer = await nominate(name);
      if (!answer.ok) setMessage(`Not changed: ${answer.message}`);
    } finally {
      setPending(null);
    }
  };

  const shown = pending ? pending.name : current;
  return (
    <div className="minute-taker">
      {status === null ? (
        <span className="hint">Minute-taker: …</span>
      ) : current !== null ? (
        <span data-testid="minute-taker-line">
          Minutes taken by <strong data-testid="minute-taker">{current}</strong>
        </span>
      ) : (
        <span data-testid="minute-taker-line">
          Minute-taker: <span data-testid="minute-taker">not nominated</span>
        </span>
      )}
      {moderator && (
        <select
          aria-label="Minute-taker"
          value={shown ?? ''}
          disabled={status === null || pending !== null}
          onChange={(event) => void choose(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">Nobody</option>
          {minuteTakerChoices(people, shown).map((choice) => (
            <option key={choice.name} value={choice.name}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
      {message && (
        <span className="minutes-message" role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
