"use client";
import Link from "next/link";
import { ErrorState, QueryState } from "@/components/States";
import { StatusBadge } from "@/components/StatusBadge";
import { useJobChainState } from "@/hooks/useJobChainState";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, formatTime, shortAddress } from "@/lib/format";
import { subgraphStatus } from "@/lib/jobStatus";
import styles from "./jobs.module.css";

type JobEvent = {
  kind: string;
  account: string | null;
  amount: string | null;
  timestamp: string;
  block: string;
  tx: string;
};
type JobDetailData = {
  job: null | {
    id: string;
    poster: { id: string };
    model: { id: string; name: string };
    status: string;
    redundancy: number;
    escrow: string;
    deadline: string;
    postedAt: string;
    postedTx: string;
    resultsAt: string | null;
    latency: string | null;
    challengeEndsAt: string | null;
    commitment: string | null;
    audited: boolean;
    challenged: boolean;
    tokens: string;
    totalFee: string;
    workerAmount: string;
    creatorAmount: string;
    treasuryAmount: string;
    refund: string;
    settledAt: string | null;
    results: {
      worker: { id: string };
      index: number;
      status: string;
      commitment: string | null;
      pricePerInputToken: string;
      pricePerOutputToken: string;
      inputTokens: number;
      outputTokens: number;
      deliveredAt: string | null;
      fee: string;
      slashed: string;
    }[];
    review: null | { kind: string; status: string; round: number; hasVerdict: boolean | null; verdict: string | null };
    timeline: JobEvent[];
  };
};

const grid = (wei: string | bigint) => formatGrid(wei, 12);

/** What one timeline entry means, in words. */
function describe(e: JobEvent): string {
  const who = e.account ? shortAddress(e.account) : "";
  const amount = e.amount === null ? "" : grid(e.amount);
  switch (e.kind) {
    case "Posted":
      return `Posted by ${who}, ${amount} escrowed`;
    case "Assigned":
      return `Assigned to worker ${who}`;
    case "Declined":
      return `Worker ${who} declined (${amount} refunded)`;
    case "ResultCommitted":
      return `Worker ${who} committed a sealed result`;
    case "ResultSubmitted":
      return `Result from worker ${who}`;
    case "TimedOut":
      return `Worker ${who} timed out (${amount} slashed)`;
    case "ChallengeStarted":
      return "Challenge window opened";
    case "Challenged":
      return `Challenged by ${who} (bond ${amount})`;
    case "Disputed":
      return "Disputed: the workers' results differ";
    case "AuditStarted":
      return "Drawn for audit";
    case "AuditSkipped":
      return "Drawn for audit, no validator eligible: paid as usual";
    case "ValidatorsDrawn":
      return "Validators drawn";
    case "VoteCommitted":
      return `Validator ${who} committed a vote`;
    case "VoteRevealed":
      return `Validator ${who} revealed a vote`;
    case "CaseResolved":
      return "Verdict reached";
    case "WorkerPaid":
      return `Worker ${who} paid ${amount}`;
    case "Finalized":
      return `Finalized, total fee ${amount}`;
    case "Refunded":
      return `Refunded ${amount}`;
    default:
      return e.kind.startsWith("CaseOpened:")
        ? `${e.kind.slice("CaseOpened:".length)} case opened`
        : `${e.kind}${who ? ` ${who}` : ""}${amount ? ` ${amount}` : ""}`;
  }
}

export function JobDetail({ id }: { id: string }) {
  const valid = /^\d{1,30}$/.test(id);
  const q = useSubgraph<JobDetailData>("JOB_DETAIL", { id }, valid);
  const chain = useJobChainState(valid ? BigInt(id) : undefined);
  if (!valid) return <ErrorState error={new Error(`"${id}" is not a job id (a whole number).`)} what="the job" />;
  return (
    <div className={`stack ${styles.page}`}>
      <section className="panel" aria-labelledby="live">
        <h2 id="live" className={styles.first}>
          Live status from the chain
        </h2>
        {chain.error ? (
          <ErrorState error={chain.error} what="the job's state on chain" />
        ) : !chain.data ? (
          <p className="muted">Reading JobMarket…</p>
        ) : chain.data.status === "none" ? (
          <p className="muted">JobMarket has no job #{id}.</p>
        ) : (
          <dl className="facts">
            <dt>Status</dt>
            <dd data-testid="live-status">
              <StatusBadge status={chain.data.status} />
            </dd>
            <dt>Cost so far</dt>
            <dd>{grid(chain.data.cost)}</dd>
            <dt>Challenge window</dt>
            <dd>
              {chain.data.challengeEndsAt === 0
                ? "not open yet"
                : `ends ${formatTime(chain.data.challengeEndsAt)} chain time`}
            </dd>
            <dt>Deadline</dt>
            <dd>{formatTime(chain.data.deadline)}</dd>
          </dl>
        )}
      </section>

      <QueryState
        what="the job's history"
        query={q}
        isEmpty={(d) => d.job === null}
        empty={`The subgraph has not indexed job #${id} (yet).`}
      >
        {(d) => {
          const j = d.job!;
          const txs = [...new Map(j.timeline.map((e) => [e.tx, e])).values()];
          return (
            <>
              <section className="panel" aria-labelledby="summary">
                <h2 id="summary" className={styles.first}>
                  Summary
                </h2>
                <dl className="facts" data-testid="job-summary">
                  <dt>Indexed status</dt>
                  <dd>
                    <StatusBadge status={subgraphStatus(j.status)} />
                    {j.audited && <span className="badge warn">audited</span>}
                    {j.challenged && <span className="badge bad">challenged</span>}
                  </dd>
                  <dt>Model</dt>
                  <dd>{j.model.name}</dd>
                  <dt>Poster</dt>
                  <dd className="mono">{j.poster.id}</dd>
                  <dt>Redundancy</dt>
                  <dd>{j.redundancy}</dd>
                  <dt>Tokens</dt>
                  <dd>{formatInt(j.tokens)}</dd>
                  <dt>Escrow</dt>
                  <dd>{grid(j.escrow)}</dd>
                  <dt>Cost</dt>
                  <dd data-testid="job-total-fee">{grid(j.totalFee)}</dd>
                  <dt>Refund</dt>
                  <dd>{grid(j.refund)}</dd>
                  <dt>Posted</dt>
                  <dd>{formatTime(j.postedAt)}</dd>
                  <dt>Latency</dt>
                  <dd>{j.latency === null ? "-" : `${j.latency} s`}</dd>
                  {j.review && (
                    <>
                      <dt>Review</dt>
                      <dd>
                        {j.review.kind}, {j.review.status}, round {j.review.round}
                      </dd>
                    </>
                  )}
                </dl>
              </section>

              <section aria-labelledby="results">
                <h2 id="results">Results per worker</h2>
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th>Worker</th>
                        <th>Status</th>
                        <th className="num">In / out tokens</th>
                        <th className="num">Fee</th>
                        <th>Commitment</th>
                        <th>Delivered</th>
                      </tr>
                    </thead>
                    <tbody>
                      {j.results.map((r) => (
                        <tr key={r.worker.id}>
                          <td className="mono">{shortAddress(r.worker.id)}</td>
                          <td>{r.status}</td>
                          <td className="num">
                            {r.inputTokens} / {r.outputTokens}
                          </td>
                          <td className="num">{grid(r.fee)}</td>
                          <td className="mono" title={r.commitment ?? undefined}>
                            {r.commitment ? `${r.commitment.slice(0, 10)}…` : "-"}
                          </td>
                          <td>{formatTime(r.deliveredAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>

              <section aria-labelledby="timeline">
                <h2 id="timeline">Timeline</h2>
                <ol className="timeline" data-testid="timeline">
                  {j.timeline.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: one transaction can emit several events; the timeline only grows
                    <li key={`${e.tx}-${i}`} data-kind={e.kind}>
                      <div>{describe(e)}</div>
                      <div className="muted">
                        {formatTime(e.timestamp)} · block {e.block} · <span className="mono">{shortAddress(e.tx)}</span>
                      </div>
                    </li>
                  ))}
                </ol>
              </section>

              <section aria-labelledby="txs">
                <h2 id="txs">Transactions</h2>
                <ul className={styles.plain} data-testid="transactions">
                  {txs.map((e) => (
                    <li key={e.tx}>
                      <span className="mono">{e.tx}</span>{" "}
                      <span className="muted">
                        (block {e.block}, {e.kind})
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
              <p>
                <Link href="/jobs">All my jobs</Link>
              </p>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
