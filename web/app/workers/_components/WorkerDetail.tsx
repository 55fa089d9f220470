"use client";
import Link from "next/link";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { Empty, ErrorState, Loading } from "@/components/States";
import { useAppConfig } from "@/hooks/useAppConfig";
import { useContractsIfDeployed } from "@/hooks/useContracts";
import { useSubgraph } from "@/hooks/useSubgraph";
import { useWorkerHealth } from "@/hooks/useWorkerDirectory";
import { formatGrid, formatInt, formatTime } from "@/lib/format";
import { formatPrice, formatRegion } from "@/lib/workers";
import type { WorkerDetailData } from "./types";
import styles from "./workers.module.css";

/** How many results the page asks for; the newest RECENT of them are shown. */
const RESULTS_FETCHED = 200;
const RECENT = 20;

/** The registry's live view of one worker (stake, unbonding, Elo, profile, counters). */
function useLiveWorker(address: Address) {
  const { chainId } = useAppConfig();
  const registry = useContractsIfDeployed()?.WorkerRegistry;
  const reads = useReadContracts({
    contracts: registry
      ? ([
          { ...registry, functionName: "worker", args: [address], chainId },
          { ...registry, functionName: "profile", args: [address], chainId },
          { ...registry, functionName: "stats", args: [address], chainId },
        ] as const)
      : [],
    query: { enabled: registry !== undefined },
  });
  const [w, profile, stats] = reads.data ?? [];
  return {
    worker: w?.status === "success" ? w.result : undefined,
    profile: profile?.status === "success" ? profile.result : undefined,
    stats: stats?.status === "success" ? stats.result : undefined,
    error: reads.error ?? (w?.status === "failure" ? w.error : null),
    pending: registry !== undefined && reads.isPending,
  };
}

export function WorkerDetail({ address }: { address: Address }) {
  const sub = useSubgraph<WorkerDetailData>("WORKER", { id: address.toLowerCase(), results: RESULTS_FETCHED });
  const live = useLiveWorker(address);
  const indexed = sub.data?.worker ?? null;
  const registered = live.worker?.registered ?? false;
  const endpoint = live.profile?.endpoint ?? indexed?.endpoint;
  const paused = live.worker?.paused ?? indexed?.paused ?? false;
  const health = useWorkerHealth(address, endpoint, registered && !paused);

  if (sub.data === undefined && live.pending) return <Loading what="the worker" />;
  if (sub.error && sub.data === undefined && live.error) return <ErrorState error={sub.error} what="the worker" />;
  if (indexed === null && !registered && sub.data !== undefined && !live.pending) {
    return (
      <div data-testid="unknown-worker">
        <Empty>
          No worker is registered at <span className="mono">{address}</span> on this network, and the subgraph has never
          seen one there. Check the address, or pick a worker from the <Link href="/workers">leaderboard</Link>.
        </Empty>
      </div>
    );
  }

  const status = !registered ? (
    <span className="badge bad">not registered</span>
  ) : paused ? (
    <span className="badge warn">paused by its operator</span>
  ) : health.data?.ok ? (
    <span className="badge ok">online ({Math.round(health.data.rttMs)} ms)</span>
  ) : health.data ? (
    <span className="badge bad">unreachable: {health.data.reason}</span>
  ) : (
    <span className="badge">checking…</span>
  );

  const results = [...(indexed?.results ?? [])]
    .sort((a, b) => Number(b.job.postedAt) - Number(a.job.postedAt) || Number(b.job.id) - Number(a.job.id))
    .slice(0, RECENT);
  const w = live.worker;

  return (
    <div className={styles.detail}>
      {sub.error && <ErrorState error={sub.error} what="the worker's history from the subgraph" />}
      {live.error && <ErrorState error={live.error} what="the worker's live state from the chain" />}
      <div className={styles.grid}>
        <section className="panel" aria-labelledby="w-profile">
          <h2 id="w-profile" className={styles.panelTitle}>
            Profile
          </h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd data-fact="status">{status}</dd>
            <dt>Endpoint</dt>
            <dd className="mono" data-fact="endpoint">
              {endpoint ?? "-"}
            </dd>
            <dt>Region</dt>
            <dd>{formatRegion(live.profile?.region ?? indexed?.region ?? 0)}</dd>
            <dt>Capacity</dt>
            <dd>
              {w
                ? `${w.activeJobs} of ${w.capacity} job slots busy`
                : indexed
                  ? `${indexed.activeJobs} of ${indexed.capacity} job slots busy`
                  : "-"}
            </dd>
            <dt>Min. job duration</dt>
            <dd>{live.profile ? `${live.profile.minJobDuration} s` : "-"}</dd>
            <dt>Registered</dt>
            <dd>{indexed?.registeredAt ? formatTime(indexed.registeredAt) : registered ? "yes" : "no"}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="w-stake">
          <h2 id="w-stake" className={styles.panelTitle}>
            Stake and reputation
          </h2>
          <dl className="facts">
            <dt>Elo</dt>
            <dd data-fact="elo">{w?.elo ?? indexed?.elo ?? "-"}</dd>
            <dt>Stake</dt>
            <dd data-fact="stake">{formatGrid(w?.stake ?? indexed?.stake)}</dd>
            <dt>Unbonding</dt>
            <dd>
              {formatGrid(w?.unbonding ?? indexed?.unbonding)}
              {w && w.unbonding > 0n && (
                <span className="muted"> (withdrawable from {formatTime(w.unbondingReadyAt)})</span>
              )}
            </dd>
            <dt>Slashed in all</dt>
            <dd>{formatGrid(indexed?.slashed)}</dd>
            <dt>Jobs done / failed</dt>
            <dd>
              {live.stats
                ? `${formatInt(live.stats.jobsDone)} / ${formatInt(live.stats.jobsFailed)}`
                : indexed
                  ? `${formatInt(indexed.jobsDone)} / ${formatInt(indexed.jobsFailed)}`
                  : "-"}
            </dd>
            <dt>Tokens served</dt>
            <dd>{live.stats ? formatInt(live.stats.tokensServed) : indexed ? formatInt(indexed.tokensServed) : "-"}</dd>
            <dt>Earnings</dt>
            <dd>{formatGrid(indexed?.earnings, 12)}</dd>
          </dl>
          <p className="muted">
            Elo, stake, unbonding and counters are read live from the chain; slashes and earnings from the subgraph.
          </p>
        </section>
      </div>

      <section aria-labelledby="w-models">
        <h2 id="w-models">Models and prices</h2>
        {!indexed || indexed.models.length === 0 ? (
          <Empty>This worker serves no model.</Empty>
        ) : (
          <div className="table-wrap">
            <table data-testid="worker-models">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col" className="num">
                    Input price / token
                  </th>
                  <th scope="col" className="num">
                    Output price / token
                  </th>
                </tr>
              </thead>
              <tbody>
                {indexed.models.map((m) => (
                  <tr key={m.model.id}>
                    <td>
                      {m.model.name} <span className="muted">#{m.model.id}</span>
                    </td>
                    <td className="num">{formatPrice(m.pricePerInputToken)}</td>
                    <td className="num">{formatPrice(m.pricePerOutputToken)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="w-results">
        <h2 id="w-results">Recent results</h2>
        {results.length === 0 ? (
          <Empty>No results yet: this worker has not been assigned a job.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="muted">The newest {RECENT} jobs this worker was assigned</caption>
              <thead>
                <tr>
                  <th scope="col">Job</th>
                  <th scope="col">Posted</th>
                  <th scope="col">Job status</th>
                  <th scope="col">Result</th>
                  <th scope="col" className="num">
                    Tokens in / out
                  </th>
                  <th scope="col" className="num">
                    Fee
                  </th>
                  <th scope="col" className="num">
                    Worker share
                  </th>
                  <th scope="col" className="num">
                    Slashed
                  </th>
                </tr>
              </thead>
              <tbody>
                {results.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/jobs/${r.job.id}`}>#{r.job.id}</Link>
                    </td>
                    <td>{formatTime(r.job.postedAt)}</td>
                    <td>{r.job.status}</td>
                    <td>
                      <span className={`badge ${r.status === "Paid" ? "ok" : r.status === "Slashed" ? "bad" : ""}`}>
                        {r.status}
                      </span>
                    </td>
                    <td className="num">
                      {formatInt(r.inputTokens)} / {formatInt(r.outputTokens)}
                    </td>
                    <td className="num">{formatGrid(r.fee, 12)}</td>
                    <td className="num">{formatGrid(r.workerAmount, 12)}</td>
                    <td className="num">{r.slashed === "0" ? "-" : formatGrid(r.slashed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="w-stake-changes">
        <h2 id="w-stake-changes">Stake changes and slashes</h2>
        {!indexed || indexed.stakeChanges.length === 0 ? (
          <Empty>No stake changes indexed.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Block</th>
                  <th scope="col">Change</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody>
                {indexed.stakeChanges.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: one block can hold several changes of one kind; the list only grows
                  <tr key={`${c.block}-${c.kind}-${i}`}>
                    <td>{formatInt(c.block)}</td>
                    <td>{c.kind === "Slashed" ? <span className="badge bad">Slashed</span> : c.kind}</td>
                    <td className="num">{formatGrid(c.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
