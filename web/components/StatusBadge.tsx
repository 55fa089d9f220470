import { statusLabel, statusTone, type StatusKey } from "@/lib/jobStatus";

/** A job's verification status; `data-status` carries the raw name for scripts and tests. */
export function StatusBadge({ status }: { status: StatusKey }) {
  return (
    <span className={`badge ${statusTone(status)}`.trim()} data-status={status}>
      {statusLabel(status)}
    </span>
  );
}
