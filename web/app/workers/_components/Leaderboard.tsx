"use client";
import Link from "next/link";
import { useState } from "react";
import type { Address } from "viem";
import { useReadContracts } from "wagmi";
import { QueryState } from "@/components/States";
import { useAppConfig } from "@/hooks/useAppConfig";
import { useContractsIfDeployed } from "@/hooks/useContracts";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, shortAddress } from "@/lib/format";
import { formatRegion } from "@/lib/workers";
import type { WorkerRow } from "./types";
import styles from "./workers.module.css";

type Sort = "elo" | "earnings";
type Live = { elo: number; stake: bigint; paused: boolean };

/** Live Elo, stake and pause flag from the registry, by lowercase address; the subgraph may lag a block or two. */
function useLiveWorkers(ids: readonly string[]): Map<string, Live> {
  const { chainId } = useAppConfig();
  const registry = useContractsIfDeployed()?.WorkerRegistry;
  const reads = useReadContracts({
    contracts: registry
      ? ids.map((id) => ({
          ...registry,
          functionName: "worker" as const,
          args: [id as Address] as const,
          chainId,
        }))
      : [],
    query: { enabled: registry !== undefined && ids.length > 0 },
  });
  const live = new Map<string, Live>();
  reads.data?.forEach((r, i) => {
    if (r.status === "success")
      live.set(ids[i]!, { elo: r.result.elo, stake: r.result.stake, paused: r.result.paused });
  });
  return live;
}

export function Leaderboard() {
  const [sort, setSort] = useState<Sort>("elo");
  const q = useSubgraph<{ workers: WorkerRow[] }>(sort === "elo" ? "WORKERS_BY_ELO" : "WORKERS_BY_EARNINGS", {
    first: 100,
  });
  const ids = q.data?.workers.map((w) => w.id) ?? [];
  const live = useLiveWorkers(ids);
  return (
    <>
      {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of sort buttons */}
      <div className={styles.toolbar} role="group" aria-label="Sort the leaderboard">
        <span className="muted">Sort by:</span>
        <button
          type="button"
          className={sort === "elo" ? undefined : "secondary"}
          aria-pressed={sort === "elo"}
          onClick={() => setSort("elo")}
        >
          Elo
        </button>
        <button
          type="button"
          className={sort === "earnings" ? undefined : "secondary"}
          aria-pressed={sort === "earnings"}
          onClick={() => setSort("earnings")}
        >
          Earnings
        </button>
      </div>
      <QueryState
        what="the worker leaderboard"
        query={q}
        isEmpty={(d) => d.workers.length === 0}
        empty="No worker is registered yet."
      >
        {(d) => {
          const rows = d.workers.map((w) => ({ ...w, live: live.get(w.id) }));
          // The subgraph orders by its own Elo; reorder by the chain's when it has answered.
          if (sort === "elo") rows.sort((a, b) => (b.live?.elo ?? b.elo) - (a.live?.elo ?? a.elo));
          return (
            <div className="table-wrap">
              <table data-testid="leaderboard">
                <caption className="muted">
                  Registered workers by {sort === "elo" ? "Elo rating" : "earnings (their share of paid fees)"}, highest
                  first. Elo, stake and status are read live from the chain; the rest from the subgraph.
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      #
                    </th>
                    <th scope="col">Worker</th>
                    <th scope="col" className="num" aria-sort={sort === "elo" ? "descending" : undefined}>
                      Elo
                    </th>
                    <th scope="col" className="num">
                      Jobs done
                    </th>
                    <th scope="col" className="num">
                      Failed
                    </th>
                    <th scope="col" className="num">
                      Tokens
                    </th>
                    <th scope="col" className="num" aria-sort={sort === "earnings" ? "descending" : undefined}>
                      Earnings
                    </th>
                    <th scope="col" className="num">
                      Stake
                    </th>
                    <th scope="col" className="num">
                      Slashed
                    </th>
                    <th scope="col">Region</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((w, i) => {
                    const paused = w.live?.paused ?? w.paused;
                    return (
                      <tr key={w.id} data-worker={w.id}>
                        <td className="num">{i + 1}</td>
                        <td className="mono">
                          <Link href={`/workers/${w.id}`} title={w.id}>
                            {shortAddress(w.id)}
                          </Link>
                        </td>
                        <td className="num" data-col="elo">
                          {w.live?.elo ?? w.elo}
                        </td>
                        <td className="num">{formatInt(w.jobsDone)}</td>
                        <td className="num">{formatInt(w.jobsFailed)}</td>
                        <td className="num">{formatInt(w.tokensServed)}</td>
                        <td className="num">{formatGrid(w.earnings, 12)}</td>
                        <td className="num">{formatGrid(w.live?.stake ?? w.stake, 0)}</td>
                        <td className="num">{formatGrid(w.slashed, 12)}</td>
                        <td>{formatRegion(w.region)}</td>
                        <td>
                          {paused ? (
                            <span className="badge warn">paused</span>
                          ) : (
                            <span className="badge ok">active</span>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
