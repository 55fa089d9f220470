"use client";
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt } from "@/lib/format";
import { DailyCharts } from "./DailyCharts";
import { formatSeconds, type NetworkStats } from "./networkTypes";
import styles from "./network.module.css";

// Fees are a few billionths of a GRID per token: four decimals would show 0.
const FEE_DIGITS = 12;

function Card(p: { stat: string; label: string; value: string; hint?: string; fine?: boolean }) {
  return (
    <div className={p.fine ? `card ${styles.fine}` : "card"} data-stat={p.stat}>
      <div className="label">{p.label}</div>
      <div className="value">{p.value}</div>
      {p.hint && <div className="muted">{p.hint}</div>}
    </div>
  );
}

/** Network totals and the per-day charts, from the subgraph. */
export function NetworkOverview() {
  const q = useSubgraph<NetworkStats>("NETWORK_STATS", { days: 30 });
  return (
    <QueryState
      what="network statistics"
      query={q}
      isEmpty={(d) => d.protocol === null}
      empty="Nothing indexed yet: no contract events so far."
    >
      {(d) => {
        const p = d.protocol!;
        return (
          <>
            <p className={`muted ${styles.meta}`} data-testid="indexed-block">
              Indexed up to block {d._meta ? formatInt(d._meta.block.number) : "-"}; totals refresh every 2 s.
            </p>
            <section aria-labelledby="totals-jobs" className={styles.section}>
              <h2 id="totals-jobs">Jobs</h2>
              <div className={`cards ${styles.totals}`}>
                <Card stat="jobs-posted" label="Jobs posted" value={formatInt(p.jobsPosted)} />
                <Card stat="jobs-finalized" label="Finalized" value={formatInt(p.jobsFinalized)} />
                <Card stat="jobs-refunded" label="Refunded" value={formatInt(p.jobsRefunded)} />
                <Card stat="jobs-disputed" label="Disputed" value={formatInt(p.jobsDisputed)} />
                <Card
                  stat="tokens-served"
                  label="Tokens served"
                  value={formatInt(p.tokensServed)}
                  hint="input + output tokens of paid results"
                />
                <Card
                  stat="mean-latency"
                  label="Mean protocol latency"
                  value={formatSeconds(p.meanLatency, p.latencyCount)}
                  hint={`post to last result, over ${formatInt(p.latencyCount)} job${p.latencyCount === 1 ? "" : "s"}`}
                />
              </div>
            </section>
            <section aria-labelledby="totals-money" className={styles.section}>
              <h2 id="totals-money">Fees and stake</h2>
              <div className={`cards ${styles.totals}`}>
                <Card stat="fees" label="Fees paid" value={formatGrid(p.fees, FEE_DIGITS)} fine />
                <Card
                  stat="worker-earnings"
                  label="Worker earnings"
                  value={formatGrid(p.workerEarnings, FEE_DIGITS)}
                  fine
                />
                <Card
                  stat="creator-royalties"
                  label="Creator royalties"
                  value={formatGrid(p.creatorRoyalties, FEE_DIGITS)}
                  fine
                />
                <Card
                  stat="treasury-income"
                  label="Treasury income"
                  value={formatGrid(p.treasuryIncome, FEE_DIGITS)}
                  fine
                />
                <Card
                  stat="worker-stake"
                  label="Worker stake"
                  value={formatGrid(p.workerStake, 0)}
                  hint={`${formatInt(p.workers)} worker${p.workers === 1 ? "" : "s"} registered`}
                />
                <Card
                  stat="validator-stake"
                  label="Validator stake"
                  value={formatGrid(p.validatorStake, 0)}
                  hint={`${formatInt(p.validators)} validator${p.validators === 1 ? "" : "s"}`}
                />
              </div>
            </section>
            <section aria-labelledby="daily" className={styles.section}>
              <h2 id="daily">Per day (UTC, last 30 days)</h2>
              <DailyCharts rows={d.dailyStats} />
            </section>
          </>
        );
      }}
    </QueryState>
  );
}
