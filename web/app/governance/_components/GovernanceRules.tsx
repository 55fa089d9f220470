"use client";
import { useReadContracts } from "wagmi";
import { ErrorState, Loading } from "@/components/States";
import { useContracts } from "@/hooks/useContracts";
import { formatGrid } from "@/lib/format";
import { formatDuration } from "./paramFormat";
import type { GovernanceClock } from "./useGovernanceClock";

/** The governor's and timelock's settings, which decide how long each step of a proposal takes. */
export function GovernanceRules({ clock }: { clock: GovernanceClock }) {
  const { GridGovernor, GridTimelock, GridToken } = useContracts();
  const q = useReadContracts({
    contracts: [
      { ...GridGovernor, functionName: "votingDelay" },
      { ...GridGovernor, functionName: "votingPeriod" },
      { ...GridGovernor, functionName: "proposalThreshold" },
      { ...GridGovernor, functionName: "quorumNumerator" },
      { ...GridGovernor, functionName: "quorumDenominator" },
      { ...GridTimelock, functionName: "getMinDelay" },
      { ...GridToken, functionName: "totalSupply" },
    ],
    allowFailure: false,
  });
  if (q.error && !q.data) return <ErrorState error={q.error} what="the governance settings" />;
  if (!q.data) return <Loading what="the governance settings" />;
  const [delay, period, threshold, num, den, minDelay, supply] = q.data;
  const unit = (n: bigint) =>
    clock.mode === "timestamp" ? formatDuration(n) : `${n.toString()} block${n === 1n ? "" : "s"}`;
  return (
    <dl className="facts panel">
      <dt>Voting opens</dt>
      <dd>{unit(delay)} after a proposal</dd>
      <dt>Voting lasts</dt>
      <dd>{unit(period)}</dd>
      <dt>Quorum</dt>
      <dd>
        {((Number(num) * 100) / Number(den)).toLocaleString("en-US", { maximumFractionDigits: 2 })}% of the supply at
        the snapshot ({formatGrid((supply * num) / den, 0)} today), for and abstain votes count
      </dd>
      <dt>To propose</dt>
      <dd>{formatGrid(threshold, 0)} of voting power</dd>
      <dt>Timelock delay</dt>
      <dd>{formatDuration(minDelay)} between queueing and execution</dd>
    </dl>
  );
}
