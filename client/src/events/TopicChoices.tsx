import { useId } from 'react';

/** The event's suggested topics, as checkboxes; topics already on a proposal stay listed even if no longer suggested. */
export function TopicChoices({
  suggested,
  chosen,
  onChange,
  error,
}: {
  suggested: string[];
  chosen: string[];
  onChange: (topics: string[]) => void;
  error?: string | undefined;
}) {
  const errorId = useId();
  const topics = [...suggested, ...chosen.filter((topic) => !suggested.includes(topic))];
  if (topics.length === 0) return null;
  const toggle = (topic: string, on: boolean) =>
    onChange(on ? [...chosen, topic] : chosen.filter((t) => t !== topic));
  return (
    <fieldset className={error ? 'topics invalid' : 'topics'} aria-describedby={error ? errorId : undefined}>
      <legend>Topics</legend>
      {topics.map((topic) => (
        <label key={topic} className="check">
          <input type="checkbox" checked={chosen.includes(topic)} onChange={(e) => toggle(topic, e.target.checked)} />
          {topic}
        </label>
      ))}
      {error && (
        <span id={errorId} className="field-error" data-testid="error-topics">
          {error}
        </span>
      )}
    </fieldset>
  );
}
