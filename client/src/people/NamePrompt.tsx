import { useState, type FormEvent } from 'react';

export function NamePrompt({ onName }: { onName: (name: string) => void }) {
  const [name, setName] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim()) onName(name.trim());
  };
  return (
    <form className="card name-prompt" onSubmit={submit}>
      <label>
        Your name, as others will see it
        <input autoFocus value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
      </label>
      <button type="submit">Join</button>
    </form>
  );
}
