// Says in words why the page runs on the backend it runs on, when that is not the one wanted.
import { BACKEND_LABELS } from '../../core/backends';
import type { BackendReport } from '../protocol';

/** Null when the backend in use is the best one asked for; otherwise one or two sentences. */
export function describeBackendReport(
  report: BackendReport,
  extraReason: string | null = null,
): string | null {
  const parts: string[] = [];
  if (extraReason !== null) parts.push(extraReason);
  for (const failure of report.failures) {
    parts.push(`${BACKEND_LABELS[failure.backend]} could not start: ${failure.reason}.`);
  }
  if (parts.length === 0) return null;
  parts.push(`The model runs on ${BACKEND_LABELS[report.backend]} instead.`);
  return parts.join(' ');
}
