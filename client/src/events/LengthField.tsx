import { useState } from 'react';
import { MAX_SESSION_DURATION_MINUTES, MIN_PROPOSAL_MINUTES } from '@roundtable/shared';
import { Field } from './Field';
import { LENGTH_PRESETS } from './proposalDraft';
import { formatDuration } from './timeFormat';

const OTHER = 'other';

const isPreset = (minutes: string) => LENGTH_PRESETS.some((preset) => String(preset) === minutes);

/** The preferred length: one of the usual slots, or any number of minutes. */
export function LengthField({ minutes, onChange, error }: { minutes: string; onChange: (minutes: string) => void; error?: string | undefined }) {
  // Once "Other" is chosen it stays, even while the minutes typed pass through a preset ("5", "50", "55").
  const [other, setOther] = useState(() => !isPreset(minutes));
  const preset = other || !isPreset(minutes) ? OTHER : minutes;
  return (
    <div className="length-field">
      <Field label="Preferred length" error={preset === OTHER ? undefined : error} errorTestId="error-durationMinutes">
        {(control) => (
          <select
            {...control}
            value={preset}
            onChange={(e) => {
              setOther(e.target.value === OTHER);
              if (e.target.value !== OTHER) onChange(e.target.value);
            }}
          >
            {LENGTH_PRESETS.map((length) => (
              <option key={length} value={String(length)}>
                {formatDuration(length)}
              </option>
            ))}
            <option value={OTHER}>Other…</option>
          </select>
        )}
      </Field>
      {preset === OTHER && (
        <Field label="Length in minutes" error={error} errorTestId="error-durationMinutes" hint={`${MIN_PROPOSAL_MINUTES} to ${MAX_SESSION_DURATION_MINUTES}`}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={MIN_PROPOSAL_MINUTES}
              max={MAX_SESSION_DURATION_MINUTES}
              step={5}
              value={minutes}
              onChange={(e) => onChange(e.target.value)}
            />
          )}
        </Field>
      )}
    </div>
  );
}
