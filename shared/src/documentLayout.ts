/** Names of the shared types inside a session's Yjs document: part of the external contract. */
export const DOCUMENT_LAYOUT = {
  /** The minutes: a ProseMirror (TipTap) document in a Y.XmlFragment. */
  minutes: 'minutes',
  /** Everyone who joined with a seat: display name -> { role, firstSeenAt }. */
  attendees: 'attendees',
} as const;
