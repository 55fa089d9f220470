"use client";
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt } from "@/lib/format";

type Stats = {
  protocol: null | { jobsPosted: number; jobsFinalized: number; tokensServed: string; fees: string; workers: number; models: number; meanLatency: string };
  dailyStats: { day: number; jobsPosted: number; tokensServed: string; fees: string; meanLatency: string }[];
};

export function NetworkOverview() {
  const q = useSubgraph<Stats>("NETWORK_STATS", { days: 30 });
  return (
    <QueryState what="network statistics" query={q} isEmpty={(d) => d.protocol === null} empty="Nothing indexed yet: no contract events so far.">
      {(d) => (
        <div className="cards">
          <div className="card"><div className="label">Jobs</div><div className="value">{formatInt(d.protocol!.jobsPosted)}</div></div>
          <div className="card"><div className="label">Tokens served</div><div className="value">{formatInt(d.protocol!.tokensServed)}</div></div>
          <div className="card"><div className="label">Fees</div><div className="value">{formatGrid(d.protocol!.fees)}</div></div>
        </div>
      )}
    </QueryState>
  );
}
