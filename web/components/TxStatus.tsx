// Where a write of useWriteInferGrid stands, next to the control that sent it: progress is
// announced politely, a failure as an alert with its explanation (the decoded custom error, a
// rejection in the wallet, the node's words), success with the transaction.
import type { WriteStatus } from "@/hooks/useWriteInferGrid";
import { ProblemAlert } from "./States";
import styles from "./TxStatus.module.css";

export function TxStatus({ status, testId }: { status: WriteStatus; testId?: string }) {
  if (status.kind === "idle") return null;
  if (status.kind === "failed") {
    return <ProblemAlert title={status.title} message={status.message} testId={testId} className={styles.status} />;
  }
  return (
    <p
      className={`${styles.status} ${status.kind === "confirmed" ? "badge ok" : "muted"}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
    >
      {status.message}
      {status.kind === "confirmed" && <span className="mono"> (tx {status.hash.slice(0, 10)}…)</span>}
    </p>
  );
}
