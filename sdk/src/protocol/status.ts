// The contracts' enums by name. The generated ABIs carry an enum only as a uint8, so its names
// live here, once, in declaration order (value i is the i-th name); sdk/test/protocol.test.ts
// reads them back out of the Solidity interfaces, so a reordered enum fails that test.

/** `IJobMarket.JobStatus`: where a job is in its life. */
export const JobStatus = {
  None: 0,
  /** Posted; waiting for results (or commits and reveals when R > 1). */
  Open: 1,
  /** Every delivered result agrees; finalizable once the challenge window ends. */
  Challenge: 2,
  /** Delivered results differ; the court decides. */
  Disputed: 3,
  Finalized: 4,
  /** Nobody delivered, or the verdict sided with no worker; the escrow went back. */
  Refunded: 5,
  /** Drawn for a sampled audit; the court's verdict settles it. */
  Audit: 6,
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

/** `IJobMarket.WorkStatus`: where one named worker is on a job. */
export const WorkStatus = { Assigned: 0, Declined: 1, Committed: 2, Delivered: 3, TimedOut: 4 } as const;
export type WorkStatus = (typeof WorkStatus)[keyof typeof WorkStatus];

/** `IVerificationCourt.CaseKind`. */
export const CaseKind = { None: 0, Audit: 1, Dispute: 2, Challenge: 3 } as const;
export type CaseKind = (typeof CaseKind)[keyof typeof CaseKind];

/** `IVerificationCourt.CaseStatus`. */
export const CaseStatus = { None: 0, AwaitingDraw: 1, Voting: 2, Resolved: 3 } as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];

/** `IVerificationCourt.BallotStatus`: one drawn validator's vote. */
export const BallotStatus = { Drawn: 0, Committed: 1, Revealed: 2 } as const;
export type BallotStatus = (typeof BallotStatus)[keyof typeof BallotStatus];

/**
 * The Solidity name of an enum value, e.g. `enumName(JobStatus, 4)` is "Finalized"; undefined
 * for a value past the end of the enum.
 * @example enumName(CaseStatus, c.status) // "Voting"
 */
export function enumName<E extends Readonly<Record<string, number>>>(e: E, value: number): keyof E | undefined {
  return (Object.keys(e) as (keyof E)[]).find((k) => e[k] === value);
}

/**
 * A job's status as the job client reports it: lower case, and "submitted" for `Open` (the
 * job is on chain, its results are not settled yet).
 */
export type JobStatusName = "submitted" | "challenge" | "audit" | "disputed" | "finalized" | "refunded";
const jobStatusNames = ["none", "submitted", "challenge", "disputed", "finalized", "refunded", "audit"] as const;
/** `JobStatusName` of an on-chain `JobStatus` value ("none" for `None` or an unknown value). */
export const jobStatusName = (s: number): JobStatusName | "none" => jobStatusNames[s] ?? "none";

/** A worker's `WorkStatus` as the job client reports it. */
export type WorkStatusName = "assigned" | "declined" | "committed" | "delivered" | "timed-out";
const workStatusNames = ["assigned", "declined", "committed", "delivered", "timed-out"] as const;
/** `WorkStatusName` of an on-chain `WorkStatus` value ("assigned" for an unknown value). */
export const workStatusName = (s: number): WorkStatusName => workStatusNames[s] ?? "assigned";
