// The outcome of a contract call next to the control that sent it: progress is announced
// politely, failures as alerts (with the decoded custom error), success with the transaction.
import type { TxStatus } from "@/hooks/useContractTx";
import styles from "./TxStatus.module.css";

export function TxStatusLine({ status, testId }: { status: TxStatus; testId?: string }) {
  if (status.kind === "idle") return null;
  if (status.kind === "error") {
    return (
      <div className={`state error ${styles.status}`} role="alert" data-testid={testId}>
        {status.message}
      </div>
    );
  }
  return (
    <p
      className={`${styles.status} ${status.kind === "done" ? "badge ok" : "muted"}`}
      role="status"
      aria-live="polite"
      data-testid={testId}
    >
      {status.message}
      {status.kind === "done" && <span className="mono"> (tx {status.hash.slice(0, 10)}…)</span>}
    </p>
  );
}
