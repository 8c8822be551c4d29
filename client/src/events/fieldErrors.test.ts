import { describe, expect, it } from 'vitest';
import { ApiError } from '../api';
import { errorsOfFailure, fieldErrors, friendlyMessage, hasErrors, NO_ERRORS, validationDetailsOf, valueAt, withoutErrorsUnder } from './fieldErrors';

const FIELDS = ['title', 'preparation', 'preparation.0.url', 'preparation.0.label', 'preparation.1.url', 'proposer.email', 'topics'];

describe('fieldErrors', () => {
  it('puts each detail beside its field, by dotted path', () => {
    const errors = fieldErrors(
      [
        { path: 'proposer.email', message: 'Invalid email address' },
        { path: 'preparation.1.url', message: 'must be an http(s) URL' },
      ],
      FIELDS,
    );
    expect(errors).toEqual({
      byField: { 'proposer.email': 'Invalid email address', 'preparation.1.url': 'must be an http(s) URL' },
      general: [],
    });
  });

  it('sends a path without a field of its own to the nearest enclosing field, else to the general problems', () => {
    const errors = fieldErrors(
      [
        { path: 'preparation.3', message: 'Unrecognized key: "note"' },
        { path: 'topics.1', message: 'Too big: expected string to have <=60 characters' },
        { path: '', message: 'Unrecognized key: "status"' },
        { path: 'proposer', message: 'Unrecognized key: "phone"' },
      ],
      FIELDS,
    );
    expect(errors.byField).toEqual({
      preparation: 'Unrecognized key: "note"',
      topics: 'Too big: expected string to have <=60 characters',
    });
    expect(errors.general).toEqual(['Unrecognized key: "status"', 'proposer: Unrecognized key: "phone"']);
  });

  it('joins several messages of one field once each', () => {
    const errors = fieldErrors(
      [
        { path: 'preparation.0.url', message: 'Invalid URL' },
        { path: 'preparation.0.url', message: 'must be an http(s) URL' },
        { path: 'preparation.0.url', message: 'Invalid URL' },
      ],
      FIELDS,
    );
    expect(errors.byField['preparation.0.url']).toBe('Invalid URL; must be an http(s) URL');
  });

  it('says "required" of an empty field and words zod limits plainly, given the body sent', () => {
    const body = { title: '  ', preparation: [{ url: '' }], topics: ['x'.repeat(61)] };
    const errors = fieldErrors(
      [
        { path: 'title', message: 'Too small: expected string to have >=1 characters' },
        { path: 'preparation.0.url', message: 'Invalid URL' },
        { path: 'topics.0', message: 'Too big: expected string to have <=60 characters' },
      ],
      FIELDS,
      body,
    );
    expect(errors.byField).toEqual({ title: 'required', 'preparation.0.url': 'required', topics: 'at most 60 characters' });
  });
});

describe('friendlyMessage', () => {
  it('rewords limits and keeps messages written for people', () => {
    expect(friendlyMessage('Too small: expected number to be >=10', 5)).toBe('at least 10');
    expect(friendlyMessage('Too big: expected number to be <=480', 500)).toBe('at most 480');
    expect(friendlyMessage('Too big: expected array to have <=10 items', [])).toBe('at most 10');
    expect(friendlyMessage('must be after startsAt', '2026-01-01T00:00Z')).toBe('must be after startsAt');
    expect(friendlyMessage('Invalid input: expected number, received NaN', Number.NaN)).toBe('required');
    expect(friendlyMessage('add at least one preparation link', [])).toBe('add at least one preparation link');
  });
});

describe('valueAt', () => {
  it('walks dotted paths through objects and arrays', () => {
    const body = { proposer: { email: 'a@b' }, preparation: [{ url: 'u' }] };
    expect(valueAt(body, 'proposer.email')).toBe('a@b');
    expect(valueAt(body, 'preparation.0.url')).toBe('u');
    expect(valueAt(body, 'preparation.1.url')).toBeUndefined();
    expect(valueAt(body, '')).toBe(body);
  });
});

describe('a failed request as form errors', () => {
  it('reads the details of a 400 only', () => {
    const details = [{ path: 'title', message: 'm' }, { nonsense: true }];
    expect(validationDetailsOf(new ApiError(400, 'invalid', { details }))).toEqual([{ path: 'title', message: 'm' }]);
    expect(validationDetailsOf(new ApiError(409, 'conflict', { details }))).toBeNull();
    expect(validationDetailsOf(new Error('x'))).toBeNull();
  });

  it('shows any other failure as one general message', () => {
    expect(errorsOfFailure(new ApiError(404, 'unknown event'), FIELDS, {})).toEqual({ byField: {}, general: ['unknown event'] });
    expect(errorsOfFailure(new TypeError('Failed to fetch'), FIELDS, {}).general[0]).toMatch(/could not be reached/);
    const fromServer = errorsOfFailure(new ApiError(400, 'x', { details: [{ path: 'title', message: 'Too small: expected string to have >=1 characters' }] }), FIELDS, { title: '' });
    expect(fromServer.byField).toEqual({ title: 'required' });
    expect(hasErrors(fromServer)).toBe(true);
    expect(hasErrors(NO_ERRORS)).toBe(false);
  });
});

describe('withoutErrorsUnder', () => {
  it('drops a field and the fields under it only', () => {
    const errors = {
      byField: { preparation: 'a', 'preparation.1.url': 'b', preparationNotes: 'c', title: 'd' },
      general: ['e'],
    };
    expect(withoutErrorsUnder(errors, 'preparation')).toEqual({ byField: { preparationNotes: 'c', title: 'd' }, general: ['e'] });
  });
});
