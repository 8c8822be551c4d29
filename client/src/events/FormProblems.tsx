/** A form's problems that no single field shows (or all of them, in one sentence, after a refused submit). */
export function FormProblems({ problems, fieldCount }: { problems: string[]; fieldCount: number }) {
  if (problems.length === 0 && fieldCount === 0) return null;
  return (
    <div role="alert" className="error form-problems" data-testid="form-problems">
      {fieldCount > 0 && <p>{fieldCount === 1 ? 'One field needs' : `${fieldCount} fields need`} attention: see the messages beside them.</p>}
      {problems.map((problem) => (
        <p key={problem}>{problem}</p>
      ))}
    </div>
  );
}
