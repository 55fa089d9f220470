"use client";
// Proposals: history from the subgraph (what was proposed, by whom, the votes cast), live state
// from the governor (state, tally, snapshot, deadline, timelock ETA), so a proposal shows as
// Active or Succeeded when the clock moves even though no event marks that.
import { useId } from "react";
import { keccak256, stringToHex, type Address, type Hex } from "viem";
import { useAccount, useReadContract, useReadContracts } from "wagmi";
import { QueryState } from "@/components/States";
import { TxStatus } from "@/components/TxStatus";
import { useDeployment } from "@/hooks/useAppConfig";
import { useContracts } from "@/hooks/useContracts";
import { useSubgraph } from "@/hooks/useSubgraph";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { formatGrid, formatInt, formatTime, shortAddress } from "@/lib/format";
import { describeActions, type ParamChangeRecord } from "./actions";
import css from "./governance.module.css";
import type { GovernanceClock } from "./useGovernanceClock";
import type { ProtocolParams } from "./useProtocolParams";

export type SubgraphProposal = {
  id: string;
  proposalId: string;
  proposer: { id: string };
  description: string;
  state: string;
  targets: string[];
  values: string[];
  calldatas: string[];
  voteStart: string;
  voteEnd: string;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  voteCount: number;
  eta: string | null;
  createdAt: string;
  createdBlock: string;
  queuedAt: string | null;
  executedAt: string | null;
  canceledAt: string | null;
  votes: { voter: { id: string }; support: number; weight: string }[];
};

export type ParamChangesData = {
  paramChanges: ParamChangeRecord[];
  params: { id: string; value: string | null; address: string | null }[];
};

/** IGovernor.ProposalState, in enum order. */
const STATES = ["Pending", "Active", "Canceled", "Defeated", "Succeeded", "Queued", "Expired", "Executed"] as const;
const SUPPORT = ["Against", "For", "Abstain"] as const;

const badgeClass = (state: string) =>
  state === "Succeeded" || state === "Executed"
    ? "badge ok"
    : state === "Pending" || state === "Queued"
      ? "badge warn"
      : state === "Active"
        ? "badge"
        : "badge bad";

export function Proposals({ params, clock }: { params: ProtocolParams; clock: GovernanceClock }) {
  const q = useSubgraph<{ proposals: SubgraphProposal[] }>("GOVERNANCE_PROPOSALS", { first: 50 });
  const history = useSubgraph<ParamChangesData>("PARAM_CHANGES", { first: 200 });
  return (
    <QueryState
      what="proposals"
      query={q}
      isEmpty={(d) => d.proposals.length === 0}
      empty="No proposals yet. Propose a parameter change below."
    >
      {(d) => (
        <div className={css.proposals}>
          {d.proposals.map((p) => (
            <ProposalCard key={p.id} p={p} params={params} changes={history.data?.paramChanges ?? []} clock={clock} />
          ))}
        </div>
      )}
    </QueryState>
  );
}

function ProposalCard({
  p,
  params,
  changes,
  clock,
}: {
  p: SubgraphProposal;
  params: ProtocolParams;
  changes: ParamChangeRecord[];
  clock: GovernanceClock;
}) {
  const d = useDeployment();
  const { address: account } = useAccount();
  const titleId = useId();
  const id = BigInt(p.proposalId);
  const { GridGovernor: gov, GridToken } = useContracts();
  const live = useReadContracts({
    contracts: [
      { ...gov, functionName: "state", args: [id] },
      { ...gov, functionName: "proposalVotes", args: [id] },
      { ...gov, functionName: "proposalSnapshot", args: [id] },
      { ...gov, functionName: "proposalDeadline", args: [id] },
      { ...gov, functionName: "proposalEta", args: [id] },
    ],
    allowFailure: false,
  });
  const [stateIndex, tally, snapshot, deadline, eta] = live.data ?? [];
  const state = stateIndex === undefined ? p.state : (STATES[stateIndex] ?? `State ${stateIndex}`);
  // Quorum and past votes exist only for a timepoint already in the past.
  const pastSnapshot = snapshot !== undefined && clock.now !== undefined && snapshot < clock.now;
  const quorumAt =
    snapshot === undefined || clock.now === undefined ? undefined : pastSnapshot ? snapshot : clock.now - 1n;
  const quorum = useReadContract({
    ...gov,
    functionName: "quorum",
    args: [quorumAt ?? 0n],
    query: { enabled: quorumAt !== undefined },
  });
  const mine = useReadContracts({
    contracts: [
      { ...gov, functionName: "hasVoted", args: [id, account ?? "0x0000000000000000000000000000000000000000"] },
      {
        ...GridToken,
        functionName: "getPastVotes",
        args: [account ?? "0x0000000000000000000000000000000000000000", snapshot ?? 0n],
      },
    ],
    allowFailure: false,
    query: { enabled: account !== undefined && pastSnapshot },
  });
  const tx = useWriteInferGrid({ contract: "GridGovernor" });

  const [title, ...rest] = p.description.split("\n");
  const body = rest.join("\n").trim();
  const current = params.data ? new Map(params.data.map((r) => [r.param.name, r.value])) : undefined;
  const actions = describeActions(p, d, current, changes);
  const againstVotes = tally?.[0] ?? BigInt(p.againstVotes);
  const forVotes = tally?.[1] ?? BigInt(p.forVotes);
  const abstainVotes = tally?.[2] ?? BigInt(p.abstainVotes);
  const total = forVotes + againstVotes + abstainVotes;
  const counted = forVotes + abstainVotes;
  const myVote = account ? p.votes.find((v) => v.voter.id.toLowerCase() === account.toLowerCase()) : undefined;
  const [hasVoted, weight] = mine.data ?? [];

  const calls = {
    targets: p.targets as Address[],
    values: p.values.map(BigInt),
    calldatas: p.calldatas as Hex[],
    // What the governor hashes: the description's UTF-8 bytes, exactly as proposed.
    descriptionHash: keccak256(stringToHex(p.description)),
  };
  const vote = (support: 0 | 1 | 2) =>
    tx.writeContractAsync(
      { functionName: "castVote", args: [id, support] },
      { label: `Vote ${SUPPORT[support]}`, done: () => "Vote cast." },
    );
  const queue = () =>
    tx.writeContractAsync(
      {
        functionName: "queue",
        args: [calls.targets, calls.values, calls.calldatas, calls.descriptionHash],
      },
      { label: "Queue", done: () => "Queued in the timelock." },
    );
  const execute = () =>
    tx.writeContractAsync(
      {
        functionName: "execute",
        args: [calls.targets, calls.values, calls.calldatas, calls.descriptionHash],
        value: calls.values.reduce((a, b) => a + b, 0n),
      },
      { label: "Execute", done: () => "Executed." },
    );

  const at = (t: bigint) => (clock.mode === "timestamp" ? formatTime(t) : `block ${formatInt(t)}`);
  let window = "";
  if (snapshot !== undefined && deadline !== undefined) {
    const left = (t: bigint) =>
      clock.now === undefined || t < clock.now
        ? ""
        : clock.mode === "timestamp"
          ? ` (in ${formatInt(t - clock.now)} s)`
          : ` (${formatInt(t - clock.now)} blocks left)`;
    if (state === "Pending") window = `Voting opens after ${at(snapshot)}${left(snapshot)}`;
    else if (state === "Active") window = `Voting ends at ${at(deadline)}${left(deadline)}`;
    else window = `Voting ran from ${at(snapshot)} to ${at(deadline)}`;
  }
  const etaSeconds = eta !== undefined && eta > 0n ? eta : p.eta ? BigInt(p.eta) : undefined;
  const executable =
    etaSeconds !== undefined && clock.blockTimestamp !== undefined && clock.blockTimestamp >= etaSeconds;

  return (
    <article className={`panel ${css.proposal}`} aria-labelledby={titleId} data-proposal-id={p.proposalId}>
      <header className={css.proposalHead}>
        <h3 id={titleId} className={css.proposalTitle}>
          {title || "(no title)"}
        </h3>
        <span className={badgeClass(state)} data-testid="proposal-state" title={`State: ${state}`}>
          {state}
        </span>
      </header>
      {body && <p className={css.body}>{body}</p>}
      {live.error && !live.data && (
        <p className="state error" role="alert">
          Live state unavailable ({live.error.message}); showing the indexed state.
        </p>
      )}
      <h4 className={css.subhead}>Actions</h4>
      <ul className={css.actions} data-testid="proposal-actions">
        {actions.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: decoded actions have no id and may repeat
          <li key={i}>{a}</li>
        ))}
      </ul>
      <section className={css.tally} aria-label="Votes">
        {(
          [
            ["For", forVotes, css.for],
            ["Against", againstVotes, css.against],
            ["Abstain", abstainVotes, css.abstain],
          ] as const
        ).map(([label, v, cls]) => (
          <div key={label} className={css.tallyRow}>
            <span>{label}</span>
            <span className={css.bar} aria-hidden="true">
              <span className={cls} style={{ width: total > 0n ? `${Number((v * 1000n) / total) / 10}%` : "0%" }} />
            </span>
            <span className="num" data-testid={`votes-${label.toLowerCase()}`}>
              {formatGrid(v, 0)}
            </span>
          </div>
        ))}
      </section>
      <dl className="facts">
        <dt>Quorum</dt>
        <dd data-testid="quorum">
          {quorum.data === undefined
            ? "…"
            : `${formatGrid(counted, 0)} of ${formatGrid(quorum.data, 0)} (for + abstain) ${counted >= quorum.data ? "— reached" : "— not reached"}${pastSnapshot ? "" : ", fixed at the snapshot"}`}
        </dd>
        <dt>Deadline</dt>
        <dd>{window || "…"}</dd>
        {etaSeconds !== undefined && state !== "Executed" && (
          <>
            <dt>Timelock</dt>
            <dd>Executable from {formatTime(etaSeconds)}</dd>
          </>
        )}
        {p.executedAt && (
          <>
            <dt>Executed</dt>
            <dd>{formatTime(p.executedAt)}</dd>
          </>
        )}
        <dt>Proposer</dt>
        <dd className="mono" title={p.proposer.id}>
          {shortAddress(p.proposer.id)}
        </dd>
        <dt>Proposed</dt>
        <dd>
          {formatTime(p.createdAt)}, block {formatInt(p.createdBlock)}
        </dd>
        <dt>Voters</dt>
        <dd>{p.voteCount}</dd>
        <dt>Id</dt>
        <dd className="mono" title={p.proposalId}>
          {p.proposalId.length > 20 ? `${p.proposalId.slice(0, 10)}…${p.proposalId.slice(-6)}` : p.proposalId}
        </dd>
      </dl>
      <Controls
        state={state}
        connected={account !== undefined}
        hasVoted={hasVoted === true || myVote !== undefined}
        myVote={myVote ? (SUPPORT[myVote.support] ?? String(myVote.support)) : undefined}
        weight={weight}
        snapshot={snapshot !== undefined ? at(snapshot) : undefined}
        executable={executable}
        busy={tx.busy}
        onVote={vote}
        onQueue={queue}
        onExecute={execute}
      />
      <TxStatus status={tx.status} />
    </article>
  );
}

function Controls(p: {
  state: string;
  connected: boolean;
  hasVoted: boolean;
  myVote: string | undefined;
  weight: bigint | undefined;
  snapshot: string | undefined;
  executable: boolean;
  busy: boolean;
  onVote: (support: 0 | 1 | 2) => void;
  onQueue: () => void;
  onExecute: () => void;
}) {
  const needsWallet = p.state === "Active" || p.state === "Succeeded" || p.state === "Queued";
  if (needsWallet && !p.connected)
    return (
      <p className="muted">
        Connect a wallet to {p.state === "Active" ? "vote" : p.state === "Succeeded" ? "queue it" : "execute it"}.
      </p>
    );
  if (p.state === "Active") {
    if (p.hasVoted) return <p className="muted">You voted{p.myVote ? ` ${p.myVote}` : ""}.</p>;
    if (p.weight === 0n)
      return (
        <p className="muted">
          You had no voting power at the snapshot ({p.snapshot}), so a vote would count zero. Delegate your GRID before
          the next proposal is made.
        </p>
      );
    return (
      // biome-ignore lint/a11y/useSemanticElements: a row of buttons; a fieldset would bring form semantics and borders
      <div className={css.buttons} role="group" aria-label="Cast your vote">
        <span className="muted">
          {p.weight !== undefined ? `Your vote counts ${formatGrid(p.weight, 0)}:` : "Your vote:"}
        </span>
        <button type="button" onClick={() => p.onVote(1)} disabled={p.busy}>
          Vote for
        </button>
        <button type="button" className="secondary" onClick={() => p.onVote(0)} disabled={p.busy}>
          Vote against
        </button>
        <button type="button" className="secondary" onClick={() => p.onVote(2)} disabled={p.busy}>
          Abstain
        </button>
      </div>
    );
  }
  if (p.state === "Succeeded")
    return (
      <div className={css.buttons}>
        <button type="button" onClick={p.onQueue} disabled={p.busy}>
          Queue
        </button>
        <span className="muted">It passed: queue it in the timelock, which can run it once the delay is over.</span>
      </div>
    );
  if (p.state === "Queued")
    return (
      <div className={css.buttons}>
        <button type="button" onClick={p.onExecute} disabled={p.busy || !p.executable}>
          Execute
        </button>
        {!p.executable && <span className="muted">The timelock delay is still running.</span>}
      </div>
    );
  return null;
}
