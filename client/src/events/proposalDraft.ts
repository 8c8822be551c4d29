import { proposalSchema, validationDetails, type ProposalInfo } from '@roundtable/shared';
import { fieldErrors, type FieldErrors } from './fieldErrors';

export interface PreparationRow {
  url: string;
  label: string;
}

/** The proposal form as typed: text everywhere, so a half-filled form round-trips unchanged. */
export interface ProposalDraft {
  title: string;
  problem: string;
  contribute: string;
  preparation: PreparationRow[];
  name: string;
  email: string;
  /** Minutes, as typed or chosen. */
  durationMinutes: string;
  topics: string[];
}

/** The usual session lengths: a slot of 30, 60 or 90 minutes with time to change rooms. */
export const LENGTH_PRESETS = [25, 50, 80] as const;

export const EMPTY_PREPARATION_ROW: PreparationRow = { url: '', label: '' };

export function emptyProposalDraft(): ProposalDraft {
  return {
    title: '',
    problem: '',
    contribute: '',
    preparation: [EMPTY_PREPARATION_ROW],
    name: '',
    email: '',
    durationMinutes: '50',
    topics: [],
  };
}

export function draftFromProposal(proposal: ProposalInfo): ProposalDraft {
  return {
    title: proposal.title,
    problem: proposal.problem,
    contribute: proposal.contribute,
    preparation: proposal.preparation.map((link) => ({ url: link.url, label: link.label ?? '' })),
    name: proposal.proposer.name,
    email: proposal.proposer.email,
    durationMinutes: String(proposal.durationMinutes),
    topics: proposal.topics,
  };
}

/**
 * The body of `POST …/proposals` (and of the PATCH: every field, which the partial update takes too).
 * Rows stay where they are, empty ones included, so a detail's `preparation.N` is row N of the form.
 */
export function proposalBody(draft: ProposalDraft) {
  const minutes = draft.durationMinutes.trim();
  return {
    title: draft.title.trim(),
    problem: draft.problem.trim(),
    contribute: draft.contribute.trim(),
    preparation: draft.preparation.map((row) => ({
      url: row.url.trim(),
      ...(row.label.trim() && { label: row.label.trim() }),
    })),
    proposer: { name: draft.name.trim(), email: draft.email.trim() },
    // Number('') is 0, which would read as "at least 10" rather than "required".
    durationMinutes: minutes === '' ? Number.NaN : Number(minutes),
    topics: draft.topics,
  };
}

/** The fields of the form, by the body path each shows the errors of. */
export function proposalFields(draft: ProposalDraft): string[] {
  return [
    'title',
    'problem',
    'contribute',
    'preparation',
    ...draft.preparation.flatMap((_, i) => [`preparation.${i}.url`, `preparation.${i}.label`]),
    'proposer.name',
    'proposer.email',
    'durationMinutes',
    'topics',
  ];
}

/** The server's own rules, checked before sending: the same paths and messages as its 400 would give. */
export function checkProposal(draft: ProposalDraft): FieldErrors {
  const body = proposalBody(draft);
  const result = proposalSchema.safeParse(body);
  return result.success ? { byField: {}, general: [] } : fieldErrors(validationDetails(result.error), proposalFields(draft), body);
}
