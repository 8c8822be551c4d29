import type { z } from 'zod';

export interface ValidationDetail {
  /** Dotted path of the broken field, e.g. `preparation.0.url`; empty for the body itself. */
  path: string;
  message: string;
}

export function validationDetails(error: z.ZodError): ValidationDetail[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One line naming every broken field, for the `error` string of a 400. */
export function validationSummary(details: ValidationDetail[]): string {
  return details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
}
