import { useState, type MouseEvent, type ReactNode } from 'react';
import { isPlainClick, startDownload } from './startDownload';

interface MinutesDownloadLinkProps {
  href: string;
  /** The accessible name ("Download email (.eml)"). */
  name: string;
  children: ReactNode;
  /**
   * Runs before the download and is awaited (it never rejects and gives up on its own): the
   * board's picture stored first, so the `.eml` carries the board as it is now.
   */
  before?: (() => Promise<unknown>) | undefined;
  /** Called once the download is under way. */
  onStarted?: (() => void) | undefined;
  className?: string;
}

/** A link to one format of the minutes; a plain link, so it also works as "save link as". */
export function MinutesDownloadLink({ href, name, children, before, onStarted, className }: MinutesDownloadLinkProps) {
  const [preparing, setPreparing] = useState(false);

  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (!before || !isPlainClick(event)) {
      // Later: a link taken out of the page during its own click is not followed.
      if (onStarted) setTimeout(onStarted, 0);
      return;
    }
    event.preventDefault();
    if (preparing) return;
    setPreparing(true);
    void before().then(() => {
      setPreparing(false);
      startDownload(href);
      onStarted?.();
    });
  };

  return (
    <a href={href} download="" aria-label={name} aria-busy={preparing || undefined} className={className} onClick={onClick}>
      {children}
      {preparing && <span className="hint"> (preparing…)</span>}
    </a>
  );
}
