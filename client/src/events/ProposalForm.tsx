import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from './Field';
import { errorsOfFailure, hasErrors, NO_ERRORS, withoutErrorsUnder, type FieldErrors } from './fieldErrors';
import { FormProblems } from './FormProblems';
import { LengthField } from './LengthField';
import { PreparationRows } from './PreparationRows';
import { checkProposal, proposalBody, proposalFields, type ProposalDraft } from './proposalDraft';
import { TopicChoices } from './TopicChoices';

interface ProposalFormProps {
  initial: ProposalDraft;
  suggestedTopics: string[];
  submitLabel: string;
  /** Sends the body; a refusal is thrown (an ApiError 400 names the broken fields). */
  onSubmit: (body: ReturnType<typeof proposalBody>) => Promise<void>;
}

/**
 * The proposal, as its proposer writes it (new, or edited through the private link). Checked here by
 * the server's own rules before sending; what the server still refuses appears beside the same fields.
 */
export function ProposalForm({ initial, suggestedTopics, submitLabel, onSubmit }: ProposalFormProps) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  // Set on each refused submit, so the first broken field is focused once per refusal.
  const [refusals, setRefusals] = useState(0);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (refusals > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [refusals]);

  const change = (update: Partial<ProposalDraft>) => setDraft((current) => ({ ...current, ...update }));
  const refuse = (found: FieldErrors) => {
    setErrors(found);
    setRefusals((n) => n + 1);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkProposal(draft);
    if (hasErrors(found)) return refuse(found);
    setErrors(NO_ERRORS);
    setBusy(true);
    const body = proposalBody(draft);
    try {
      await onSubmit(body);
    } catch (error) {
      refuse(errorsOfFailure(error, proposalFields(draft), body));
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (path: string) => errors.byField[path];
  return (
    <form ref={form} className="card proposal-form" onSubmit={submit} noValidate>
      <Field label="Title" error={fieldError('title')} errorTestId="error-title">
        {(control) => <input {...control} maxLength={200} value={draft.title} onChange={(e) => change({ title: e.target.value })} />}
      </Field>
      <Field
        label="The problem"
        error={fieldError('problem')}
        errorTestId="error-problem"
        hint="What is broken, missing or undecided, and why it matters. Attendees read this to decide whether to come."
      >
        {(control) => <textarea {...control} rows={6} value={draft.problem} onChange={(e) => change({ problem: e.target.value })} />}
      </Field>
      <Field
        label="How attendees can contribute"
        error={fieldError('contribute')}
        errorTestId="error-contribute"
        hint="The experience, data or decisions you need from the room."
      >
        {(control) => <textarea {...control} rows={4} value={draft.contribute} onChange={(e) => change({ contribute: e.target.value })} />}
      </Field>
      <PreparationRows
        rows={draft.preparation}
        onChange={(preparation) => {
          if (preparation.length !== draft.preparation.length) setErrors((current) => withoutErrorsUnder(current, 'preparation'));
          change({ preparation });
        }}
        errors={errors.byField}
      />
      <div className="row">
        <Field label="Your name" error={fieldError('proposer.name')} errorTestId="error-proposer.name" className="grow">
          {(control) => (
            <input {...control} autoComplete="name" maxLength={200} value={draft.name} onChange={(e) => change({ name: e.target.value })} />
          )}
        </Field>
        <Field
          label="Email"
          error={fieldError('proposer.email')}
          errorTestId="error-proposer.email"
          hint="Seen by the organizers only; the link to run your session is sent here."
          className="grow"
        >
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="email"
              maxLength={320}
              value={draft.email}
              onChange={(e) => change({ email: e.target.value })}
            />
          )}
        </Field>
      </div>
      <LengthField minutes={draft.durationMinutes} onChange={(durationMinutes) => change({ durationMinutes })} error={fieldError('durationMinutes')} />
      <TopicChoices suggested={suggestedTopics} chosen={draft.topics} onChange={(topics) => change({ topics })} error={fieldError('topics')} />
      <FormProblems problems={errors.general} fieldCount={Object.keys(errors.byField).length} />
      <button type="submit" disabled={busy}>
        {busy ? 'Sending…' : submitLabel}
      </button>
    </form>
  );
}
