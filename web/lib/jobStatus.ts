// One vocabulary for a job's verification status, whether it was read from the chain (the sdk's
// JobStatusName) or from the subgraph (JobMarket's JobStatus enum names, as the indexer stores them).
import { JobStatus, jobStatusName, type JobStatusName } from "@infergrid/sdk/protocol";

export type StatusKey = JobStatusName | "none";

const labels: Record<StatusKey, string> = {
  none: "Not on chain",
  submitted: "Submitted",
  challenge: "In challenge window",
  audit: "Audited (validators reviewing)",
  disputed: "Disputed",
  finalized: "Finalized",
  refunded: "Refunded",
};

const tones: Record<StatusKey, "" | "ok" | "warn" | "bad"> = {
  none: "",
  submitted: "",
  challenge: "warn",
  audit: "warn",
  disputed: "bad",
  finalized: "ok",
  refunded: "bad",
};

export const subgraphStatus = (s: string): StatusKey =>
  Object.hasOwn(JobStatus, s) ? jobStatusName(JobStatus[s as keyof typeof JobStatus]) : "none";
export const statusLabel = (s: StatusKey): string => labels[s];
export const statusTone = (s: StatusKey): string => tones[s];
/** Nothing more will happen to a job in these states. */
export const isSettled = (s: StatusKey): boolean => s === "finalized" || s === "refunded";
