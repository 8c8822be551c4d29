import {
  ROLES,
  presentationCapMs,
  MAX_SESSION_CAPACITY,
  type CreateSessionInput,
  type CreatedSession,
  type Role,
  type SessionInfo,
  type SessionSlot,
  type SessionView,
} from '@roundtable/shared';
import type { SessionRecord, Storage } from '../storage/index.js';
import { newSessionId, newToken, timingSafeEqualStrings } from './secrets.js';
import { initialDocumentUpdate } from './initialDocument.js';

export type Authorization =
  | { ok: true; session: SessionRecord; role: Role }
  | { ok: false; failure: 'unknown-session' | 'bad-token' };


export class SessionService {
  constructor(
    private readonly storage: Storage,
    private readonly publicUrl: string,
  ) {}

  /** `placement`: the id reserved for it and its slot, for a session scheduled at an event. */
  async create(input: CreateSessionInput, placement?: { id: string; slot: SessionSlot }): Promise<CreatedSession> {
    const tokens = Object.fromEntries(ROLES.map((role) => [role, newToken()])) as Record<Role, string>;
    const record: SessionRecord = {
      id: placement?.id ?? newSessionId(),
      title: input.title,
      durationMinutes: input.durationMinutes,
      presentationCapMs: presentationCapMs(input.durationMinutes),
      capacity: input.capacity ?? MAX_SESSION_CAPACITY,
      problem: input.problem,
      contribute: input.contribute,
      preparation: input.preparation ?? [],
      moderatorName: input.moderatorName,
      mailingList: input.mailingList,
      createdAt: new Date().toISOString(),
      ...(placement && { slot: placement.slot }),
      tokens,
    };
    // The template first: a session is never visible without it.
    await this.storage.appendUpdates([{ docName: record.id, update: initialDocumentUpdate(record) }]);
    await this.storage.createSession(record);
    return { ...publicInfo(record), tokens, links: this.links(record) };
  }

  /** Checks a token against a session: an unknown session wins over a bad token. */
  async authorize(sessionId: string, token: string | undefined): Promise<Authorization> {
    const session = await this.storage.getSession(sessionId);
    if (!session) return { ok: false, failure: 'unknown-session' };
    if (!token) return { ok: false, failure: 'bad-token' };
    const role = ROLES.find((r) => timingSafeEqualStrings(session.tokens[r], token));
    if (!role) return { ok: false, failure: 'bad-token' };
    return { ok: true, session, role };
  }

  /** The session and role a token names, for connections that carry nothing but the token. */
  async authorizeToken(token: unknown): Promise<{ session: SessionRecord; role: Role } | null> {
    if (typeof token !== 'string' || token.length === 0 || token.length > 200) return null;
    const grant = await this.storage.findToken(token);
    if (!grant) return null;
    const session = await this.storage.getSession(grant.sessionId);
    if (!session || !timingSafeEqualStrings(session.tokens[grant.role], token)) return null;
    return { session, role: grant.role };
  }

  view(session: SessionRecord, role: Role): SessionView {
    return { ...publicInfo(session), role };
  }

  /** The link that opens the session with `role`. */
  linkFor(session: SessionRecord, role: Role): string {
    return `${this.publicUrl}/s/${session.id}?token=${encodeURIComponent(session.tokens[role])}`;
  }

  private links(session: SessionRecord): Record<Role, string> {
    return Object.fromEntries(ROLES.map((role) => [role, this.linkFor(session, role)])) as Record<Role, string>;
  }
}

function publicInfo(session: SessionRecord): SessionInfo {
  const { tokens: _tokens, ...info } = session;
  return JSON.parse(JSON.stringify(info)) as SessionInfo; // drops undefined optional fields
}
