import { useId } from 'react';
import { MAX_PREPARATION_LINKS } from '@roundtable/shared';
import { Field } from './Field';
import { EMPTY_PREPARATION_ROW, type PreparationRow } from './proposalDraft';

interface PreparationRowsProps {
  rows: PreparationRow[];
  onChange: (rows: PreparationRow[]) => void;
  /** Errors by body path: `preparation` for the list, `preparation.N.url` for a row. */
  errors: Record<string, string>;
}

/** The preparation links: what attendees read before they come. One row per link, at least one. */
export function PreparationRows({ rows, onChange, errors }: PreparationRowsProps) {
  const update = (index: number, change: Partial<PreparationRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const listError = errors['preparation'];
  const errorId = useId();
  return (
    <fieldset className={listError ? 'rows invalid' : 'rows'} aria-describedby={listError ? errorId : undefined}>
      <legend>Preparation links</legend>
      <p className="hint">Papers, designs, threads or code attendees should read before the session.</p>
      {rows.map((row, index) => {
        const n = index + 1;
        return (
          <div className="row" role="group" aria-label={`Preparation link ${n}`} key={index}>
            <Field label="URL" error={errors[`preparation.${index}.url`]} errorTestId={`error-preparation.${index}.url`} className="grow">
              {(control) => (
                <input
                  {...control}
                  type="url"
                  inputMode="url"
                  aria-label={`Link ${n} URL`}
                  placeholder="https://"
                  value={row.url}
                  onChange={(e) => update(index, { url: e.target.value })}
                />
              )}
            </Field>
            <Field label="Label (optional)" error={errors[`preparation.${index}.label`]} errorTestId={`error-preparation.${index}.label`}>
              {(control) => (
                <input
                  {...control}
                  aria-label={`Link ${n} label`}
                  maxLength={200}
                  value={row.label}
                  onChange={(e) => update(index, { label: e.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="secondary small"
              aria-label={`Remove link ${n}`}
              disabled={rows.length === 1}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </div>
        );
      })}
      {listError && (
        <span id={errorId} className="field-error" data-testid="error-preparation">
          {listError}
        </span>
      )}
      <button
        type="button"
        className="secondary small"
        disabled={rows.length >= MAX_PREPARATION_LINKS}
        onClick={() => onChange([...rows, EMPTY_PREPARATION_ROW])}
      >
        Add a link
      </button>
    </fieldset>
  );
}
