import type { ValidationDetail } from '@roundtable/shared';
import { ApiError } from '../api';

/** A form's problems: one message per field it has, the rest (the body itself, unknown fields) apart. */
export interface FieldErrors {
  /** Field key (a dotted body path such as `preparation.0.url`) -> what is wrong with it. */
  byField: Record<string, string>;
  /** Problems no field of the form shows, each with its path. */
  general: string[];
}

export const NO_ERRORS: FieldErrors = { byField: {}, general: [] };

export function hasErrors(errors: FieldErrors): boolean {
  return errors.general.length > 0 || Object.keys(errors.byField).length > 0;
}

/**
 * The errors without those of a field and everything under it: after rows are added or removed,
 * `preparation.2.url` would name another row than the one the message was about.
 */
export function withoutErrorsUnder(errors: FieldErrors, field: string): FieldErrors {
  const under = (key: string) => key === field || key.startsWith(`${field}.`);
  return {
    byField: Object.fromEntries(Object.entries(errors.byField).filter(([key]) => !under(key))),
    general: errors.general,
  };
}

/** The value at a dotted path of a body, or undefined. */
export function valueAt(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path === '' ? [] : path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const isBlank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

// zod's wording is for developers; the same facts, as a form says them.
const REWORDINGS: [RegExp, (limit: string) => string][] = [
  [/^Too small: expected string to have >=?(\d+) characters?$/, (n) => `at least ${n} characters`],
  [/^Too big: expected string to have <=?(\d+) characters?$/, (n) => `at most ${n} characters`],
  [/^Too small: expected number to be >=?(-?\d+)$/, (n) => `at least ${n}`],
  [/^Too big: expected number to be <=?(-?\d+)$/, (n) => `at most ${n}`],
  [/^Too big: expected array to have <=?(\d+) items?$/, (n) => `at most ${n}`],
  [/^Invalid input: expected int, received number$/, () => 'a whole number'],
];

/** A validation message for a person: "required" where the field is empty, zod's limits in plain words. */
export function friendlyMessage(message: string, value: unknown): string {
  if (isBlank(value) || (typeof value === 'number' && Number.isNaN(value))) return 'required';
  for (const [pattern, reword] of REWORDINGS) {
    const match = pattern.exec(message);
    if (match) return reword(match[1] ?? '');
  }
  return message;
}

/**
 * Puts each detail beside the field that shows it: the field of its path, else of the nearest
 * enclosing path (`preparation.2` with no field of its own goes to `preparation`), else with the
 * general problems. `body` is what was sent, to tell an empty field ("required") from a wrong one.
 */
export function fieldErrors(details: readonly ValidationDetail[], fields: readonly string[], body?: unknown): FieldErrors {
  const known = new Set(fields);
  const byField: Record<string, string[]> = {};
  const general: string[] = [];
  for (const detail of details) {
    const message = body === undefined ? detail.message : friendlyMessage(detail.message, valueAt(body, detail.path));
    const segments = detail.path === '' ? [] : detail.path.split('.');
    let field: string | undefined;
    for (let length = segments.length; length > 0 && field === undefined; length--) {
      const candidate = segments.slice(0, length).join('.');
      if (known.has(candidate)) field = candidate;
    }
    if (field === undefined) {
      general.push(detail.path ? `${detail.path}: ${message}` : message);
    } else {
      const messages = (byField[field] ??= []);
      if (!messages.includes(message)) messages.push(message);
    }
  }
  return {
    byField: Object.fromEntries(Object.entries(byField).map(([field, messages]) => [field, messages.join('; ')])),
    general,
  };
}

function isDetail(value: unknown): value is ValidationDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ValidationDetail).path === 'string' &&
    typeof (value as ValidationDetail).message === 'string'
  );
}

/** The `details` of a 400 answer, or null when the error is something else. */
export function validationDetailsOf(error: unknown): ValidationDetail[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const details = error.body['details'];
  return Array.isArray(details) ? details.filter(isDetail) : null;
}

/** Any failure as a form shows it: a 400 beside its fields, anything else as one general message. */
export function errorsOfFailure(error: unknown, fields: readonly string[], body: unknown): FieldErrors {
  const details = validationDetailsOf(error);
  if (details && details.length > 0) return fieldErrors(details, fields, body);
  const message = error instanceof ApiError ? error.message : `the server could not be reached (${String(error)})`;
  return { byField: {}, general: [message] };
}
