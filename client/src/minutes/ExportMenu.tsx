import { useEffect, useId, useRef, useState } from 'react';
import { MINUTES_DOWNLOADS, minutesDownloadUrl } from './minutesDownloads';
import { MinutesDownloadLink } from './MinutesDownloadLink';

interface ExportMenuProps {
  sessionId: string;
  token: string;
  /** Awaited before the `.eml` downloads (stores the board's picture); none for followers. */
  beforeEmailDownload?: (() => Promise<unknown>) | undefined;
}

/**
 * "Export": the minutes in every format, for everyone. A disclosure with plain download links
 * rather than an ARIA menu: links keep the browser's own behaviour (keyboard, "save link as").
 */
export function ExportMenu({ sessionId, token, beforeEmailDownload }: ExportMenuProps) {
  const [open, setOpen] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  return (
    <div className="export-menu" ref={container}>
      <button
        ref={button}
        type="button"
        className={open ? 'tool active' : 'tool'}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        Export<span aria-hidden="true"> ▾</span>
      </button>
      {open && (
        <ul className="export-list" id={listId} aria-label="Download the minutes">
          {MINUTES_DOWNLOADS.map((download) => (
            <li key={download.format}>
              <MinutesDownloadLink
                href={minutesDownloadUrl(sessionId, token, download.format)}
                name={download.name}
                before={download.format === 'eml' ? beforeEmailDownload : undefined}
                onStarted={() => setOpen(false)}
              >
                {download.label}
              </MinutesDownloadLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
