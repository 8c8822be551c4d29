import { describe, expect, it } from 'vitest';
import type { ProposalInfo } from '@roundtable/shared';
import { checkProposal, draftFromProposal, emptyProposalDraft, proposalBody, type ProposalDraft } from './proposalDraft';

const filled: ProposalDraft = {
  title: ' vTPM migration ',
  problem: 'State is lost.',
  contribute: 'Bring stories.',
  preparation: [
    { url: ' https://example.org/doc ', label: ' Design ' },
    { url: 'https://example.org/b', label: '  ' },
  ],
  name: 'Ada',
  email: 'ada@example.org',
  durationMinutes: '80',
  topics: ['migration'],
};

describe('proposalBody', () => {
  it('trims, drops empty labels and reads the length as a number', () => {
    expect(proposalBody(filled)).toEqual({
      title: 'vTPM migration',
      problem: 'State is lost.',
      contribute: 'Bring stories.',
      preparation: [{ url: 'https://example.org/doc', label: 'Design' }, { url: 'https://example.org/b' }],
      proposer: { name: 'Ada', email: 'ada@example.org' },
      durationMinutes: 80,
      topics: ['migration'],
    });
  });

  it('round-trips a stored proposal', () => {
    const stored = { ...proposalBody(filled), id: 'p', eventId: 'e', status: 'submitted' } as unknown as ProposalInfo;
    expect(proposalBody(draftFromProposal(stored))).toEqual(proposalBody(filled));
  });
});

describe('checkProposal', () => {
  it('passes a complete proposal', () => {
    expect(checkProposal(filled)).toEqual({ byField: {}, general: [] });
  });

  it('names every empty required field, each beside its own input', () => {
    const errors = checkProposal({ ...emptyProposalDraft(), durationMinutes: '' });
    expect(errors.byField).toEqual({
      title: 'required',
      problem: 'required',
      contribute: 'required',
      'preparation.0.url': 'required',
      'proposer.name': 'required',
      'proposer.email': 'required',
      durationMinutes: 'required',
    });
    expect(errors.general).toEqual([]);
  });

  it('keeps a broken row at its own index and explains wrong values', () => {
    const errors = checkProposal({
      ...filled,
      preparation: [filled.preparation[0]!, { url: 'javascript:alert(1)', label: '' }],
      email: 'ada-at-example.org',
      durationMinutes: '5',
    });
    expect(Object.keys(errors.byField).sort()).toEqual(['durationMinutes', 'preparation.1.url', 'proposer.email']);
    expect(errors.byField['durationMinutes']).toBe('at least 10');
    expect(errors.byField['preparation.1.url']).toMatch(/http\(s\) URL/);
  });

  it('needs at least one preparation link', () => {
    expect(checkProposal({ ...filled, preparation: [] }).byField).toEqual({ preparation: 'add at least one preparation link' });
  });
});
