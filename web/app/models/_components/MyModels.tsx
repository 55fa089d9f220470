"use client";
// The connected creator's models with usage and royalties, what the market holds for it now, and
// the royalty payouts credited to it.
import Link from "next/link";
import type { Address } from "viem";
import { MarketBalance } from "@/components/MarketBalance";
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, formatTime } from "@/lib/format";
import type { MyModelsData } from "./types";
import styles from "./models.module.css";

export function MyModels({ creator }: { creator: Address }) {
  const q = useSubgraph<MyModelsData>("MY_MODELS", { creator: creator.toLowerCase() });
  const total = q.data?.models.reduce((s, m) => s + BigInt(m.royalties), 0n);
  return (
    <div className="stack">
      <div className="panel">
        <MarketBalance account={creator}>
          <div className="card">
            <div className="label">Royalties earned (all time)</div>
            <div className="value">{total === undefined ? "…" : formatGrid(total, 18)}</div>
          </div>
        </MarketBalance>
        <p className={`muted ${styles.hint}`}>
          The withdrawable balance is everything the market credited to this account (royalties, and any worker pay or
          refunds).
        </p>
      </div>
      <QueryState
        what="your models"
        query={q}
        isEmpty={(d) => d.models.length === 0}
        empty="You have not registered a model from this account."
      >
        {(d) => (
          <div className="table-wrap">
            <table data-testid="my-models">
              <caption className={styles.srOnly}>Models created by the connected account</caption>
              <thead>
                <tr>
                  <th scope="col">ID</th>
                  <th scope="col">Name</th>
                  <th scope="col">Manifest hash</th>
                  <th scope="col">URI</th>
                  <th scope="col">Registered</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Jobs
                  </th>
                  <th scope="col" className="num">
                    Tokens
                  </th>
                  <th scope="col" className="num">
                    Royalties
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.models.map((m) => (
                  <tr key={m.id}>
                    <td>#{m.id}</td>
                    <th scope="row" className={styles.name}>
                      {m.name}
                    </th>
                    <td className="mono" title={m.manifestHash}>
                      {m.manifestHash.slice(0, 10)}…{m.manifestHash.slice(-6)}
                    </td>
                    <td className={styles.uri} title={m.uri}>
                      {m.uri || <span className="muted">none</span>}
                    </td>
                    <td>{formatTime(m.createdAt)}</td>
                    <td>
                      {m.active ? (
                        <span className="badge ok">active</span>
                      ) : (
                        <span className="badge bad">inactive</span>
                      )}
                    </td>
                    <td className="num">{formatInt(m.jobCount)}</td>
                    <td className="num">{formatInt(m.tokensServed)}</td>
                    <td className="num">{formatGrid(m.royalties, 18)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      {q.data && q.data.payouts.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className={styles.srOnly}>Royalty payouts credited to you, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Job</th>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Royalty
                </th>
              </tr>
            </thead>
            <tbody>
              {q.data.payouts.map((p) => (
                <tr key={p.id}>
                  <td>{formatTime(p.timestamp)}</td>
                  <td>
                    <Link href={`/jobs/${p.job.id}`}>#{p.job.id}</Link>
                  </td>
                  <td>{p.job.model.name}</td>
                  <td className="num">{formatGrid(p.amount, 18)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
