import { t } from '../i18n/fr.js';
import { ts } from '../i18n/staff.js';
import type { RequestKind, RequestStatus } from '../tables.js';

const FAMILY = ['enrolment', 'exemption', 'attestation'];

/** A kind's name: families' kinds translated, the schools' in French. */
export const kindLabel = (kind: string) =>
  FAMILY.includes(kind) ? t(`requests.kind.${kind as 'enrolment'}`) : ts(`requests.kind.${kind as Exclude<RequestKind, 'enrolment'>}`);
export const statusLabel = (status: string) => t(`requests.status.${status as RequestStatus}`);

const BADGE: Record<string, string> = {
  accepted: 'badge badge--ok',
  refused: 'badge badge--muted',
  closed: 'badge badge--muted',
  waiting: 'badge badge--warn',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={BADGE[status] ?? 'badge'}>{statusLabel(status)}</span>;
}

/** Plain text as written, its lines kept, in its own writing direction. */
export function Written({ text }: { text: string }) {
  const lines = text.split('\n');
  return (
    <p dir="auto">
      {lines.map((line, i) => (
        <>
          {i > 0 && <br />}
          {line}
        </>
      ))}
    </p>
  );
}
