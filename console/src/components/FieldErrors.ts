import { ApiError } from '../api/client';

/**
 * The field errors of a 400 problem, by field name ({@code errors: [{field, message}]}); without such a list, a
 * problem whose detail starts with one of {@code fields} ("address must be an e-mail address ...") is that field's.
 */
export function fieldErrors(error: unknown, fields: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  if (Array.isArray(error.problem.errors)) {
    for (const e of error.problem.errors) if (e.field) out[e.field] = e.message ?? e.detail ?? '';
  }
  const detail = error.problem.detail;
  if (Object.keys(out).length === 0 && error.status === 400 && typeof detail === 'string') {
    const field = fields.find((f) => detail.startsWith(`${f} `));
    if (field) out[field] = detail;
  }
  return out;
}
