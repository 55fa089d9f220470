"use client";
// Jobs naming this worker that are not settled: open (waiting for its result), in the challenge
// window, under audit or disputed.
import type { UseQueryResult } from "@tanstack/react-query";
import Link from "next/link";
import { QueryState } from "@/components/States";
import { StatusBadge } from "@/components/StatusBadge";
import { formatTime } from "@/lib/format";
import { subgraphStatus } from "@/lib/jobStatus";
import type { NodeData } from "./types";
import styles from "./node.module.css";

export function ActiveJobs({ query }: { query: UseQueryResult<NodeData, Error> }) {
  return (
    <QueryState
      what="active jobs"
      query={query}
      isEmpty={(d) => d.activeJobs.length === 0}
      empty="No active jobs: nothing assigned to this worker is waiting to settle."
    >
      {(d) => (
        <div className="table-wrap">
          <table>
            <caption className={styles.srOnly}>Unsettled jobs this worker is named on</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Model</th>
                <th scope="col">Status</th>
                <th scope="col">Posted</th>
                <th scope="col">Deadline / challenge ends</th>
              </tr>
            </thead>
            <tbody>
              {d.activeJobs.map((j) => (
                <tr key={j.id}>
                  <td>
                    <Link href={`/jobs/${j.id}`}>#{j.id}</Link>
                  </td>
                  <td>{j.model.name}</td>
                  <td>
                    <StatusBadge status={subgraphStatus(j.status)} />
                  </td>
                  <td>{formatTime(j.postedAt)}</td>
                  <td>{j.status === "Challenge" ? formatTime(j.challengeEndsAt) : formatTime(j.deadline)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
