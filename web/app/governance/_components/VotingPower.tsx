"use client";
// GRID counts as votes only once delegated (ERC20Votes), to oneself or to someone else.
import { useId, useState, type FormEvent } from "react";
import { isAddress, zeroAddress, type Address } from "viem";
import { useAccount, useReadContracts } from "wagmi";
import { Empty, ErrorState, Loading } from "@/components/States";
import { TxStatus } from "@/components/TxStatus";
import { useContracts } from "@/hooks/useContracts";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { formatGrid, shortAddress } from "@/lib/format";
import css from "./governance.module.css";

export function VotingPower() {
  const { address } = useAccount();
  if (!address) return <Empty>Connect a wallet to see your voting power and to delegate your votes.</Empty>;
  return <ConnectedVotingPower account={address} />;
}

function ConnectedVotingPower({ account }: { account: Address }) {
  const { GridToken, GridGovernor } = useContracts();
  const q = useReadContracts({
    contracts: [
      { ...GridToken, functionName: "balanceOf", args: [account] },
      { ...GridToken, functionName: "getVotes", args: [account] },
      { ...GridToken, functionName: "delegates", args: [account] },
      { ...GridGovernor, functionName: "proposalThreshold" },
    ],
    allowFailure: false,
  });
  if (q.error && !q.data) return <ErrorState error={q.error} what="your voting power" />;
  if (!q.data) return <Loading what="your voting power" />;
  const [balance, votes, delegate, threshold] = q.data;
  const delegateText =
    delegate === zeroAddress
      ? "Nobody yet"
      : delegate.toLowerCase() === account.toLowerCase()
        ? "Yourself"
        : shortAddress(delegate);
  return (
    <>
      <div className="cards">
        <div className="card">
          <div className="label">Your GRID</div>
          <div className="value">{formatGrid(balance)}</div>
        </div>
        <div className="card">
          <div className="label">Your voting power</div>
          <div className="value" data-testid="voting-power">
            {formatGrid(votes)}
          </div>
        </div>
        <div className="card">
          <div className="label">Your delegate</div>
          <div className="value" data-testid="delegate" title={delegate === zeroAddress ? undefined : delegate}>
            {delegateText}
          </div>
        </div>
      </div>
      {delegate === zeroAddress && (
        <p className="muted">
          Your GRID does not count in votes until you delegate it, to yourself or to someone who votes for you.
        </p>
      )}
      {votes < threshold && (
        <p className="muted">Making a proposal takes {formatGrid(threshold)} of voting power; voting takes any.</p>
      )}
      <DelegateForm account={account} />
    </>
  );
}

function DelegateForm({ account }: { account: Address }) {
  const tx = useWriteInferGrid({ contract: "GridToken" });
  const [mode, setMode] = useState<"self" | "other">("self");
  const [other, setOther] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    let to: Address = account;
    if (mode === "other") {
      const a = other.trim();
      if (!isAddress(a)) {
        setInvalid("Enter the delegate's address: 0x followed by 40 hexadecimal digits.");
        return;
      }
      to = a;
    }
    setInvalid(null);
    void tx.writeContractAsync(
      { functionName: "delegate", args: [to] },
      { label: "Delegate", done: () => "Delegated." },
    );
  };
  return (
    <form className="stack panel" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className={css.formTitle}>
        Delegate your votes
      </h3>
      <fieldset className={css.fieldset}>
        <legend className="muted">Your GRID's votes go to</legend>
        <label className={css.choice}>
          <input
            type="radio"
            name={`${id}-mode`}
            value="self"
            checked={mode === "self"}
            onChange={() => setMode("self")}
          />
          Myself
        </label>
        <label className={css.choice}>
          <input
            type="radio"
            name={`${id}-mode`}
            value="other"
            checked={mode === "other"}
            onChange={() => setMode("other")}
          />
          Another address
        </label>
      </fieldset>
      {mode === "other" && (
        <label>
          Delegate address
          <input
            className="mono"
            value={other}
            onChange={(e) => setOther(e.target.value)}
            placeholder="0x…"
            autoComplete="off"
            spellCheck={false}
            aria-invalid={invalid !== null}
            aria-describedby={invalid ? `${id}-err` : undefined}
          />
        </label>
      )}
      {invalid && (
        <p id={`${id}-err`} className="state error" role="alert">
          {invalid}
        </p>
      )}
      <div>
        <button type="submit" disabled={tx.busy}>
          Delegate
        </button>
      </div>
      <TxStatus status={tx.status} />
    </form>
  );
}
