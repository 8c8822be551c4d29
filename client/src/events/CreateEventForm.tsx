import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api';
import { CreatedEventLinks } from './CreatedEventLinks';
import { checkEvent, emptyEventDraft, eventBody, eventFields, type EventDraft } from './eventDraft';
import { createEvent } from './eventsApi';
import type { CreatedEvent } from './eventTypes';
import { Field } from './Field';
import { errorsOfFailure, hasErrors, NO_ERRORS, withoutErrorsUnder, type FieldErrors } from './fieldErrors';
import { FormProblems } from './FormProblems';
import { RoomRows } from './RoomRows';
import { browserTimeZone, timeZoneNames } from './zonedInput';

/** Creates an event: its dates in its own time zone, its rooms, and the topics proposals may carry. */
export function CreateEventForm() {
  const [draft, setDraft] = useState<EventDraft>(() => emptyEventDraft(browserTimeZone()));
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [created, setCreated] = useState<CreatedEvent | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown once the server answers 401: it has an ORGANIZER_KEY, and only its holders create events.
  const [needsKey, setNeedsKey] = useState(false);
  const [organizerKey, setOrganizerKey] = useState('');
  const [keyError, setKeyError] = useState<string | undefined>();
  const [refusals, setRefusals] = useState(0);
  const form = useRef<HTMLFormElement>(null);
  const zones = useMemo(timeZoneNames, []);

  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const change = (update: Partial<EventDraft>) => setDraft((current) => ({ ...current, ...update }));
  const refuse = (found: FieldErrors) => {
    setErrors(found);
    setRefusals((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setKeyError(undefined);
    const found = checkEvent(draft);
    if (hasErrors(found)) return refuse(found);
    setErrors(NO_ERRORS);
    setBusy(true);
    const body = eventBody(draft);
    try {
      setCreated(await createEvent(body, organizerKey.trim() || undefined));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        setNeedsKey(true);
        setKeyError(organizerKey ? 'That is not the organizer key of this server.' : 'This server needs its organizer key to create events.');
        setRefusals((n) => n + 1);
      } else {
        refuse(errorsOfFailure(error, eventFields(draft), body));
      }
    } finally {
      setBusy(false);
    }
  }

  if (created) return <CreatedEventLinks event={created} />;
  const fieldError = (path: string) => errors.byField[path];
  return (
    <form ref={form} className="card" onSubmit={submit} noValidate aria-labelledby="create-event-heading">
      <h2 id="create-event-heading">Create an event</h2>
      <p className="hint">A conference’s design track: people propose sessions, you schedule them into rooms.</p>
      <Field label="Event name" error={fieldError('name')} errorTestId="error-name">
        {(control) => <input {...control} maxLength={200} value={draft.name} onChange={(e) => change({ name: e.target.value })} />}
      </Field>
      <Field label="Time zone" error={fieldError('timezone')} errorTestId="error-timezone" hint="Where the event takes place, e.g. Europe/Berlin: its start, end and schedule are read on these clocks.">
        {(control) => (
          <>
            <input {...control} list="time-zone-names" autoComplete="off" value={draft.timezone} onChange={(e) => change({ timezone: e.target.value })} />
            <datalist id="time-zone-names">
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <div className="row">
        <Field label="Starts" error={fieldError('startsAt')} errorTestId="error-startsAt" className="grow">
          {(control) => <input {...control} type="datetime-local" value={draft.startsAt} onChange={(e) => change({ startsAt: e.target.value })} />}
        </Field>
        <Field label="Ends" error={fieldError('endsAt')} errorTestId="error-endsAt" className="grow">
          {(control) => <input {...control} type="datetime-local" value={draft.endsAt} onChange={(e) => change({ endsAt: e.target.value })} />}
        </Field>
      </div>
      <Field label="Mailing list (optional)" error={fieldError('mailingList')} errorTestId="error-mailingList" hint="Where the minutes of every session are posted.">
        {(control) => <input {...control} type="email" value={draft.mailingList} onChange={(e) => change({ mailingList: e.target.value })} />}
      </Field>
      <Field label="Suggested topics (optional)" error={fieldError('suggestedTopics')} errorTestId="error-suggestedTopics" hint="Comma separated, e.g. migration, storage, security.">
        {(control) => <input {...control} value={draft.topics} onChange={(e) => change({ topics: e.target.value })} />}
      </Field>
      <RoomRows
        rows={draft.rooms}
        onChange={(rooms) => {
          if (rooms.length !== draft.rooms.length) setErrors((current) => withoutErrorsUnder(current, 'rooms'));
          change({ rooms });
        }}
        errors={errors.byField}
      />
      {needsKey && (
        <Field label="Organizer key" error={keyError} errorTestId="error-organizer-key" hint="The server’s ORGANIZER_KEY: ask whoever runs it.">
          {(control) => (
            <input {...control} type="password" autoComplete="off" value={organizerKey} onChange={(e) => setOrganizerKey(e.target.value)} />
          )}
        </Field>
      )}
      <FormProblems problems={errors.general} fieldCount={Object.keys(errors.byField).length} />
      <button type="submit" disabled={busy}>
        {busy ? 'Creating…' : 'Create event'}
      </button>
    </form>
  );
}
