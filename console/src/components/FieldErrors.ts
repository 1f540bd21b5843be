import { ApiError } from '../api/client';

/** The field errors of a 400 problem, by field name ({@code errors: [{field, message}]}). */
export function fieldErrors(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
    for (const e of error.problem.errors) if (e.field) out[e.field] = e.message ?? e.detail ?? '';
  }
  return out;
}
