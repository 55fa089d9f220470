"use client";
import { protocolParamByName } from "@infergrid/sdk";
import { QueryState } from "@/components/States";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt, formatTime, shortAddress } from "@/lib/format";
import type { ParamChangeRecord } from "./actions";
import { formatDuration, formatParamValue } from "./paramFormat";

// The governor's and timelock's own settings, which the subgraph records beside ProtocolConfig's.
/** A governor or timelock setting's value for people, by the setting's name (undefined: not one of them). */
function formatGovernanceSetting(mode: GovernanceClock["mode"], name: string, v: bigint): string | undefined {
  const duration = mode === "timestamp" ? formatDuration(v) : `${formatInt(v)} blocks`;
  switch (name) {
    case "ProposalThreshold":
      return formatGrid(v);
    case "VotingDelay":
    case "VotingPeriod":
      return duration;
    case "QuorumNumerator":
      return `${formatInt(v)}%`;
    case "TimelockDelay":
      return `${formatInt(v)} s${v >= 60n ? ` (${formatDuration(v)})` : ""}`;
    default:
      return undefined;
  }
}
import type { ParamChangesData } from "./Proposals";
import type { GovernanceClock } from "./useGovernanceClock";

function side(c: ParamChangeRecord, which: "old" | "new", mode: GovernanceClock["mode"]): string {
  const v = which === "old" ? c.oldValue : c.newValue;
  const a = which === "old" ? c.oldAddress : c.newAddress;
  if (a) return shortAddress(a);
  if (v === null) return "–";
  const p = protocolParamByName(c.name);
  if (p && c.source === "ProtocolConfig") return formatParamValue(p.unit, BigInt(v));
  return formatGovernanceSetting(mode, c.name, BigInt(v)) ?? formatInt(v);
}

/** Every parameter change the subgraph indexed (deployment values included), newest first. */
export function ParamHistory({ clock }: { clock: GovernanceClock }) {
  const q = useSubgraph<ParamChangesData>("PARAM_CHANGES", { first: 200 });
  return (
    <QueryState
      what="parameter history"
      query={q}
      isEmpty={(d) => d.paramChanges.length === 0}
      empty="No parameter changes indexed yet."
    >
      {(d) => (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Change</th>
                <th scope="col">Contract</th>
                <th scope="col" className="num">
                  Block
                </th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {d.paramChanges.map((c) => (
                <tr key={`${c.tx}-${c.name}`}>
                  <th scope="row" className="mono">
                    {c.name}
                  </th>
                  <td>
                    {side(c, "old", clock.mode)} → {side(c, "new", clock.mode)}
                  </td>
                  <td>{c.source}</td>
                  <td className="num">{formatInt(c.block)}</td>
                  <td>{formatTime(c.timestamp)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryState>
  );
}
