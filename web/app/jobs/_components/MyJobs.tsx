"use client";
import Link from "next/link";
import { useAccount } from "wagmi";
import { Empty, QueryState } from "@/components/States";
import { StatusBadge } from "@/components/StatusBadge";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, formatTime } from "@/lib/format";
import { subgraphStatus } from "@/lib/jobStatus";

type JobRow = {
  id: string;
  model: { id: string; name: string };
  status: string;
  redundancy: number;
  postedAt: string;
  latency: string | null;
  tokens: string;
  totalFee: string;
  refund: string;
  audited: boolean;
};

/** The connected account's jobs from the subgraph, newest first. */
export function MyJobs() {
  const { address } = useAccount();
  const q = useSubgraph<{ jobs: JobRow[] }>(
    "JOBS_BY_POSTER",
    { poster: address?.toLowerCase() ?? "", first: 50 },
    !!address,
  );
  if (!address) return <Empty>Connect a wallet to see the jobs it posted.</Empty>;
  return (
    <QueryState
      what="your jobs"
      query={q}
      isEmpty={(d) => d.jobs.length === 0}
      empty={
        <>
          This account has not posted a job yet. <Link href="/playground">Post one in the Playground</Link>.
        </>
      }
    >
      {(d) => (
        <div className="table-wrap">
          <table data-testid="jobs-table">
            <caption className="muted">Jobs posted by this account, newest first (from the subgraph)</caption>
            <thead>
              <tr>
                <th>Job</th>
                <th>Status</th>
                <th>Model</th>
                <th className="num">Tokens</th>
                <th className="num">Cost</th>
                <th className="num">Latency</th>
                <th>Posted</th>
              </tr>
            </thead>
            <tbody>
              {d.jobs.map((j) => (
                <tr key={j.id} data-job={j.id}>
                  <td>
                    <Link href={`/jobs/${j.id}`}>#{j.id}</Link>
                  </td>
                  <td>
                    <StatusBadge status={subgraphStatus(j.status)} />
                    {j.audited && <span className="badge warn"> audited</span>}
                  </td>
                  <td>{j.model.name}</td>
                  <td className="num">{formatInt(j.tokens)}</td>
                  <td className="num" title={`${j.totalFee} wei`}>
                    {formatGrid(j.totalFee, 12)}
                  </td>
                  <td className="num">{j.latency === null ? "-" : `${j.latency} s`}</td>
                  <td>{formatTime(j.postedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
