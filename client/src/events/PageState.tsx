/** What an event page shows until its data is there, or instead of it. */
export function PageState({ error, what }: { error: string | null; what: string }) {
  if (error) {
    return (
      <main className="page">
        <h1>Cannot open {what}</h1>
        <p role="alert" className="error">
          {error}
        </p>
      </main>
    );
  }
  return (
    <main className="page" aria-busy="true">
      Loading…
    </main>
  );
}
