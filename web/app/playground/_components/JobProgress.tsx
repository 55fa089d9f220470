"use client";
import Link from "next/link";
import type { Hash } from "viem";
import { useBlock } from "wagmi";
import type { JobResult } from "@infergrid/sdk/client";
import { StatusBadge } from "@/components/StatusBadge";
import { ErrorState } from "@/components/States";
import { useAppConfig } from "@/hooks/useAppConfig";
import { useJobChainState } from "@/hooks/useJobChainState";
import { formatTime, shortAddress } from "@/lib/format";
import { isSettled } from "@/lib/jobStatus";
import { formatExactGrid } from "./price";
import styles from "./playground.module.css";

export type SentTx = { readonly label: string; readonly hash: Hash };

/** The streamed output, then the job's cost, commitments and live verification status. */
export function JobProgress(p: {
  output: string;
  streaming: boolean;
  jobId: bigint | undefined;
  txs: readonly SentTx[];
  result: JobResult | undefined;
}) {
  const { chainId } = useAppConfig();
  const chain = useJobChainState(p.jobId);
  const block = useBlock({
    chainId,
    watch: true,
    query: { enabled: p.jobId !== undefined && !isSettled(chain.data?.status ?? "none") },
  });
  const s = chain.data;
  const cost = s?.workers.some((w) => w.status === "delivered") ? s.cost : p.result?.cost;
  // The market zeroes a job's escrow when it settles; the sdk's result remembers what was escrowed.
  const escrow = p.result?.escrow ?? (s && s.escrow > 0n ? s.escrow : undefined);
  const chainNow = block.data ? Number(block.data.timestamp) : undefined;
  const left = s && s.challengeEndsAt > 0 && chainNow !== undefined ? s.challengeEndsAt - chainNow : undefined;

  return (
    <div className="stack">
      <pre className={`output ${styles.output}`} data-testid="output" aria-live="polite" aria-busy={p.streaming}>
        {p.output ||
          (p.streaming
            ? "Waiting for the first token…"
            : "The answer streams here, token by token, as the worker generates it.")}
      </pre>
      {p.jobId !== undefined && (
        <div className="panel">
          {chain.error && <ErrorState error={chain.error} what="the job's state on chain" />}
          <dl className="facts" data-testid="job-facts">
            <dt>Job</dt>
            <dd>
              <Link href={`/jobs/${p.jobId}`} data-testid="job-link">
                Job #{p.jobId.toString()}
              </Link>
            </dd>
            <dt>Status</dt>
            <dd data-testid="job-status">{s ? <StatusBadge status={s.status} /> : "reading the chain…"}</dd>
            <dt>Cost</dt>
            <dd data-testid="job-cost" data-wei={cost?.toString()}>
              {cost === undefined ? "known once a result is on chain" : formatExactGrid(cost)}
              {escrow !== undefined && escrow > 0n && cost !== undefined && (
                <span className="muted">
                  {" "}
                  of {formatExactGrid(escrow)} escrowed; the rest is credited to your market balance
                </span>
              )}
            </dd>
            <dt>Challenge window</dt>
            <dd data-testid="challenge-end">
              {!s || s.challengeEndsAt === 0
                ? "opens when every result is on chain"
                : `ends ${formatTime(s.challengeEndsAt)} chain time${left !== undefined && left > 0 && !isSettled(s.status) ? ` (in ${left} s)` : ""}`}
            </dd>
            <dt>Commitments</dt>
            <dd>
              {s && s.workers.length > 0 ? (
                <ul className={styles.plain}>
                  {s.workers.map((w) => (
                    <li key={w.address}>
                      <span className="mono">{shortAddress(w.address)}</span> {w.status}
                      {w.commitment && (
                        <>
                          :{" "}
                          <span className="mono" data-testid="commitment">
                            {w.commitment}
                          </span>
                        </>
                      )}
                    </li>
                  ))}
                </ul>
              ) : (
                "-"
              )}
            </dd>
            <dt>Verified</dt>
            <dd data-testid="verified">
              {p.result
                ? p.result.verified
                  ? `the text hashes to ${p.result.workers.filter((w) => w.matched).length} worker commitment(s) on chain`
                  : "not verified"
                : p.streaming
                  ? "checked once the result is on chain"
                  : "-"}
            </dd>
            <dt>Transactions</dt>
            <dd>
              <ul className={styles.plain}>
                {p.txs.map((t) => (
                  <li key={t.hash}>
                    {t.label}: <span className="mono">{t.hash}</span>
                  </li>
                ))}
                {p.result?.transactions.results.map((h) => (
                  <li key={h}>
                    result: <span className="mono">{h}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </dl>
        </div>
      )}
    </div>
  );
}
