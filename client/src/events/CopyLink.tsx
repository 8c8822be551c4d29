import { useState } from 'react';

/** A link to hand out: followable, shown in full, and copied in one click where the browser allows it. */
export function CopyLink({ href, name, testId }: { href: string; name: string; testId?: string }) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');
  const canCopy = typeof navigator !== 'undefined' && navigator.clipboard !== undefined;
  const copy = () => {
    navigator.clipboard.writeText(href).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <span className="copy-link">
      <a href={href} data-testid={testId}>
        {name}
      </a>
      <code className="link-text">{href}</code>
      {canCopy && (
        <button type="button" className="secondary small" onClick={copy} aria-label={`Copy ${name}`}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      )}
      {copied === 'failed' && <span className="hint">Copying was not allowed: select the link and copy it.</span>}
    </span>
  );
}
