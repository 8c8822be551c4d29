import { MAX_EVENT_ROOMS, MAX_SESSION_CAPACITY } from '@roundtable/shared';
import { useId } from 'react';
import { EMPTY_ROOM_ROW, type RoomRow } from './eventDraft';
import { Field } from './Field';

interface RoomRowsProps {
  rows: RoomRow[];
  onChange: (rows: RoomRow[]) => void;
  /** Errors by body path: `rooms` for the list, `rooms.N.name` for a row. */
  errors: Record<string, string>;
}

/** The event's rooms: name, capacity and projector, one row each, at least one. */
export function RoomRows({ rows, onChange, errors }: RoomRowsProps) {
  const update = (index: number, change: Partial<RoomRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const listError = errors['rooms'];
  const errorId = useId();
  return (
    <fieldset className={listError ? 'rows invalid' : 'rows'} aria-describedby={listError ? errorId : undefined}>
      <legend>Rooms</legend>
      {rows.map((row, index) => {
        const n = index + 1;
        const projectorError = errors[`rooms.${index}.projector`];
        return (
          <div className="row" role="group" aria-label={`Room ${n}`} key={index}>
            <Field label="Room name" error={errors[`rooms.${index}.name`]} errorTestId={`error-rooms.${index}.name`} className="grow">
              {(control) => (
                <input {...control} aria-label={`Room ${n} name`} maxLength={100} value={row.name} onChange={(e) => update(index, { name: e.target.value })} />
              )}
            </Field>
            <Field label="Capacity" error={errors[`rooms.${index}.capacity`]} errorTestId={`error-rooms.${index}.capacity`} className="narrow">
              {(control) => (
                <input
                  {...control}
                  aria-label={`Room ${n} capacity`}
                  type="number"
                  min={1}
                  max={MAX_SESSION_CAPACITY}
                  value={row.capacity}
                  onChange={(e) => update(index, { capacity: e.target.value })}
                />
              )}
            </Field>
            <label className="check">
              <input
                type="checkbox"
                aria-label={`Room ${n} has a projector`}
                checked={row.projector}
                onChange={(e) => update(index, { projector: e.target.checked })}
              />
              📽 Projector
            </label>
            {projectorError && <span className="field-error">{projectorError}</span>}
            <button
              type="button"
              className="secondary small"
              aria-label={`Remove room ${n}`}
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      {listError && (
        <span id={errorId} className="field-error" data-testid="error-rooms">
          {listError}
        </span>
      )}
      <button type="button" className="secondary small" disabled={rows.length >= MAX_EVENT_ROOMS} onClick={() => onChange([...rows, EMPTY_ROOM_ROW])}>
        Add a room
      </button>
      <p className="hint">Capacity is the seats for the session, 1 to {MAX_SESSION_CAPACITY}: a design session works for at most {MAX_SESSION_CAPACITY} people.</p>
    </fieldset>
  );
}
