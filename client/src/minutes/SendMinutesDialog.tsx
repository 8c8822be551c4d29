import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { MinutesSent } from '@roundtable/shared';
import { ApiError } from '../api';
import type { BoardPictureResult } from './useBoardPicture';
import { sendMinutes } from './minutesApi';
import { minutesDownloadUrl } from './minutesDownloads';
import { MinutesDownloadLink } from './MinutesDownloadLink';
import { useEmailPreview } from './useEmailPreview';
import { fileSize } from './fileSize';

interface SendMinutesDialogProps {
  sessionId: string;
  token: string;
  /** The session's list: the address the email goes to unless another is typed. */
  mailingList?: string | undefined;
  /** Stores the board's picture, so the preview (and the email) shows the board as it is now. */
  prepare: () => Promise<BoardPictureResult>;
  onClose: () => void;
}

type Sending =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'sent'; to: string; result: MinutesSent }
  | { kind: 'failed'; message: string };

const PICTURE_NOTES: Partial<Record<BoardPictureResult, string>> = {
  'no-board': 'The whiteboard has not loaded here yet: the email carries the last picture stored.',
  'timed-out': 'Drawing the whiteboard took too long: the email carries the last picture stored.',
  failed: 'The whiteboard picture could not be updated: the email carries the last picture stored.',
};

/**
 * The moderator's last look before posting: the exact email the server would send (the server
 * composes it; nothing is rebuilt here), with the recipient editable. A refusal keeps the dialog
 * open with the server's reason; a posting then shows in the panel through `minutes:state`.
 */
export function SendMinutesDialog({ sessionId, token, mailingList, prepare, onClose }: SendMinutesDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const toId = useId();
  const [to, setTo] = useState(mailingList ?? '');
  const [picture, setPicture] = useState<BoardPictureResult | null>(null);
  const [sending, setSending] = useState<Sending>({ kind: 'idle' });
  const address = to.trim();
  const email = useEmailPreview(sessionId, token, address, picture !== null);
  const preview = email.preview;

  // Modal from the first paint: the page behind is inert and Escape closes (the `close` event).
  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    if (typeof element.showModal === 'function') element.showModal();
    else element.setAttribute('open', ''); // browsers (and jsdom) without modal dialogs
  }, []);

  useEffect(() => {
    let live = true;
    void prepare().then((result) => live && setPicture(result));
    return () => {
      live = false;
    };
  }, [prepare]);

  const sentHere = sending.kind === 'sent' && sending.to === address;
  const canSend =
    sending.kind !== 'sending' && !sentHere && email.current && preview !== null && preview.smtpConfigured && preview.to.length > 0;

  const send = async () => {
    if (!canSend || !preview) return;
    setSending({ kind: 'sending' });
    try {
      const result = await sendMinutes(sessionId, token, address || undefined, preview);
      setSending({ kind: 'sent', to: address, result });
    } catch (error) {
      const message = error instanceof ApiError ? error.message : `the server could not be reached (${String(error)})`;
      setSending({ kind: 'failed', message });
      // The minutes moved on since this preview: show the new one, to be reviewed and sent.
      if (error instanceof ApiError && error.status === 409) email.reload();
    }
  };

  const pictureNote = picture ? PICTURE_NOTES[picture] : undefined;
  return (
    <dialog ref={dialog} className="send-dialog" aria-label="Send minutes" onClose={onClose}>
      <h2>Send minutes</h2>
      {picture === null && <p role="status">Preparing the email: drawing the whiteboard…</p>}
      {pictureNote && <p className="hint">{pictureNote}</p>}

      <dl className="email-headers">
        <dt>From</dt>
        <dd data-testid="email-from">{preview?.from ?? '…'}</dd>
        <dt>
          <label htmlFor={toId}>To</label>
        </dt>
        <dd>
          <input
            id={toId}
            type="email"
            value={to}
            placeholder={mailingList ?? 'name@example.org'}
            autoComplete="email"
            aria-describedby={`${toId}-goes`}
            onChange={(event) => setTo(event.target.value)}
          />
          <span id={`${toId}-goes`} className="hint" data-testid="email-to">
            {preview && email.previewFor === address
              ? preview.to.length > 0
                ? `Goes to ${preview.to.join(', ')}`
                : 'No mailing list for this session: type an address'
              : ''}
          </span>
        </dd>
        <dt>Subject</dt>
        <dd data-testid="email-subject">{preview?.subject ?? '…'}</dd>
        <dt>Attachments</dt>
        <dd>
          {preview && (
            <ul className="email-attachments" data-testid="email-attachments">
              {preview.attachments.length === 0 && <li>none</li>}
              {preview.attachments.map((attachment) => (
                <li key={attachment.filename}>
                  {attachment.filename} <span className="hint">({fileSize(attachment.size)})</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
      {email.error && (
        <p className="error" role="alert" data-testid="preview-error">
          {email.error}
        </p>
      )}
      <pre className="email-body" data-testid="email-body" aria-label="Email body" tabIndex={0} aria-busy={email.loading}>
        {preview?.text ?? ''}
      </pre>

      {preview && !preview.smtpConfigured && (
        <p data-testid="no-smtp">
          This server has no SMTP server configured. Download the email and send it from your own mail program.
        </p>
      )}
      {sending.kind === 'sent' && (
        <p role="status" className="send-result" data-testid="send-result">
          Sent to {sending.result.accepted.join(', ')} (Message-ID {sending.result.messageId})
          {sending.result.rejected.length > 0 && `. Not accepted: ${sending.result.rejected.join(', ')}`}
        </p>
      )}
      {sending.kind === 'failed' && (
        <p role="alert" className="error" data-testid="send-error">
          Not sent: {sending.message}
        </p>
      )}

      <div className="dialog-actions">
        {preview && !preview.smtpConfigured ? (
          <MinutesDownloadLink
            className="button-link"
            href={minutesDownloadUrl(sessionId, token, 'eml', { to: address })}
            name="Download email (.eml)"
            before={prepare}
          >
            Download email (.eml)
          </MinutesDownloadLink>
        ) : (
          <button type="button" disabled={!canSend} aria-busy={sending.kind === 'sending'} onClick={() => void send()}>
            {sending.kind === 'sending' ? 'Sending…' : 'Send'}
          </button>
        )}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
