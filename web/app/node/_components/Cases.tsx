"use client";
// The audits, disputes and challenges this validator was drawn for, with its ballot and its outcome.
import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { QueryState } from "@/components/States";
import { formatGrid, formatTime } from "@/lib/format";
import type { NodeData } from "./types";
import styles from "./node.module.css";

export function Cases({ query }: { query: UseQueryResult<NodeData, Error> }) {
  return (
    <QueryState
      what="cases"
      query={query}
      isEmpty={(d) => (d.validator?.votes.length ?? 0) === 0}
      empty="No cases yet: validators are drawn (stake-weighted) for sampled audits and disputes."
    >
      {(d) => (
        <div className="table-wrap">
          <table>
            <caption className={styles.srOnly}>Cases this validator was drawn for, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Kind</th>
                <th scope="col">Case</th>
                <th scope="col">My ballot</th>
                <th scope="col">Drawn</th>
                <th scope="col" className="num">
                  Reward
                </th>
                <th scope="col" className="num">
                  Penalty
                </th>
              </tr>
            </thead>
            <tbody>
              {d.validator!.votes.map((v) => (
                <tr key={v.id}>
                  <td>
                    <Link href={`/jobs/${v.review.job.id}`}>#{v.review.job.id}</Link>
                  </td>
                  <td>
                    {v.review.kind}
                    {v.round > 1 ? ` (round ${v.round})` : ""}
                  </td>
                  <td>
                    <span className={v.review.status === "Resolved" ? "badge ok" : "badge warn"}>
                      {v.review.status}
                    </span>
                  </td>
                  <td>{v.status}</td>
                  <td>{formatTime(v.drawnAt)}</td>
                  <td className="num">{formatGrid(v.reward, 18)}</td>
                  <td className="num">{formatGrid(v.penalty, 18)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
