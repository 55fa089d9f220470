// One vocabulary for a job's verification status, whether it was read from the chain (the sdk's
// JobStatusName) or from the subgraph (the indexer's capitalised names).
import type { JobStatusName } from "@infergrid/sdk/client";

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

const fromSubgraph: Record<string, StatusKey> = {
  Open: "submitted",
  Challenge: "challenge",
  Audit: "audit",
  Disputed: "disputed",
  Finalized: "finalized",
  Refunded: "refunded",
};

export const subgraphStatus = (s: string): StatusKey => fromSubgraph[s] ?? "none";
export const statusLabel = (s: StatusKey): string => labels[s];
export const statusTone = (s: StatusKey): string => tones[s];
/** Nothing more will happen to a job in these states. */
export const isSettled = (s: StatusKey): boolean => s === "finalized" || s === "refunded";
