"use client";
// Payouts the market credited to this account (worker pay, royalties, refunds, rewards), newest first.
import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { QueryState } from "@/components/States";
import { formatGrid, formatTime } from "@/lib/format";
import type { NodeData } from "./types";
import styles from "./node.module.css";

export function EarningsHistory({ query }: { query: UseQueryResult<NodeData, Error> }) {
  return (
    <QueryState
      what="credited payouts"
      query={query}
      isEmpty={(d) => d.payouts.length === 0}
      empty="No payouts credited to this account yet: a worker is paid when its job finalizes."
    >
      {(d) => (
        <div className="table-wrap">
          <table>
            <caption className={styles.srOnly}>Payouts credited to this account, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Job</th>
                <th scope="col">Model</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {d.payouts.map((p) => (
                <tr key={p.id}>
                  <td>{formatTime(p.timestamp)}</td>
                  <td>
                    <Link href={`/jobs/${p.job.id}`}>#{p.job.id}</Link>
                  </td>
                  <td>{p.job.model.name}</td>
                  <td>
                    <span className="badge">{p.kind}</span>
                  </td>
                  <td className="num">{formatGrid(p.amount, 18)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
