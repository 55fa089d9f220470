"use client";
// Stake, unbonding and their three actions for one registry (workers and validators have separate
// stakes with the same functions): stake more (approve GRID, then stake), request unbonding, and
// withdraw the unbonded stake once the unbonding period has passed.
import { useId, useState, type FormEvent } from "react";
import { useAccount, useReadContract } from "wagmi";
import { TxStatus } from "@/components/TxStatus";
import { useContracts } from "@/hooks/useContracts";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { parseGridAmount } from "@/lib/amounts";
import { formatGrid, formatTime } from "@/lib/format";
import styles from "./node.module.css";

type Role = "worker" | "validator";

function waitText(seconds: bigint): string {
  const s = Number(seconds);
  if (s < 90) return `${s} s`;
  if (s < 90 * 60) return `${Math.ceil(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function StakePanel(p: {
  role: Role;
  stake: bigint;
  unbonding: bigint;
  readyAt: bigint;
  now: bigint;
  minStake: bigint;
  unbondingPeriod: number;
  /** Open jobs (worker) or cases (validator): unbonded stake stays until they settle. */
  activeWork: number;
}) {
  const contracts = useContracts();
  const { address } = useAccount();
  // Both registries stake, unbond and withdraw through functions of the same names and arguments.
  const registryName = p.role === "worker" ? "WorkerRegistry" : "ValidatorRegistry";
  const registry = contracts[registryName].address;
  const allowance = useReadContract({
    ...contracts.GridToken,
    functionName: "allowance",
    args: address ? [address, registry] : undefined,
    query: { enabled: !!address },
  });
  const approveTx = useWriteInferGrid({ contract: "GridToken" });
  const stakeTx = useWriteInferGrid({ contract: registryName });
  const unbondTx = useWriteInferGrid({ contract: registryName });
  const withdrawTx = useWriteInferGrid({ contract: registryName });
  // Staking is one click and up to two transactions: the approval's status until the stake starts.
  const stakeStatus = stakeTx.status.kind === "idle" ? approveTx.status : stakeTx.status;
  const [stakeInput, setStakeInput] = useState("");
  const [unbondInput, setUnbondInput] = useState("");
  const [stakeError, setStakeError] = useState<string | null>(null);
  const [unbondError, setUnbondError] = useState<string | null>(null);
  const ids = useId();
  const title = p.role === "worker" ? "Worker stake" : "Validator stake";
  const ready = p.unbonding > 0n && p.now >= p.readyAt;

  const onStake = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseGridAmount(stakeInput);
    if (!amount.ok) return setStakeError(amount.error);
    setStakeError(null);
    approveTx.reset();
    stakeTx.reset();
    // An approval only when the registry may not already pull this much.
    const approve = (allowance.data ?? 0n) < amount.value;
    if (approve) {
      const approved = await approveTx.writeContractAsync(
        { functionName: "approve", args: [registry, amount.value] },
        { label: "Approve GRID", step: [1, 2] },
      );
      if (!approved) return;
    }
    const ok = await stakeTx.writeContractAsync(
      { functionName: "stake", args: [amount.value] },
      {
        label: "Stake",
        ...(approve ? { step: [2, 2] as const } : {}),
        done: () => `Staked ${formatGrid(amount.value, 18)} as a ${p.role}.`,
      },
    );
    if (ok) setStakeInput("");
  };

  const onUnbond = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseGridAmount(unbondInput);
    if (!amount.ok) return setUnbondError(amount.error);
    if (amount.value > p.stake) return setUnbondError(`You can unbond at most your stake, ${formatGrid(p.stake, 18)}.`);
    setUnbondError(null);
    const ok = await unbondTx.writeContractAsync(
      { functionName: "requestUnbond", args: [amount.value] },
      {
        label: "Request unbonding",
        done: () =>
          `Unbonding ${formatGrid(amount.value, 18)}; withdrawable after the unbonding period (${waitText(BigInt(p.unbondingPeriod))}).`,
      },
    );
    if (ok) setUnbondInput("");
  };

  const onWithdrawUnbonded = () =>
    withdrawTx.writeContractAsync(
      { functionName: "withdrawUnbonded" },
      {
        label: "Withdraw unbonded stake",
        done: () => `Withdrew ${formatGrid(p.unbonding, 18)} of unbonded stake to your wallet.`,
      },
    );

  return (
    // biome-ignore lint/a11y/useSemanticElements: a panel of facts and forms, not one form group
    <div className={styles.stake} aria-label={title} role="group">
      <h3>{title}</h3>
      <dl className="facts">
        <dt>Staked</dt>
        <dd data-testid={`${p.role}-stake`}>
          {formatGrid(p.stake, 18)}{" "}
          {p.stake >= p.minStake ? (
            <span className="badge ok">at or above the minimum</span>
          ) : (
            <span className="badge warn">below the minimum</span>
          )}
        </dd>
        <dt>Minimum stake</dt>
        <dd>{formatGrid(p.minStake)}</dd>
        <dt>Unbonding</dt>
        <dd>{formatGrid(p.unbonding, 18)}</dd>
        {p.unbonding > 0n && (
          <>
            <dt>Ready at</dt>
            <dd>
              {formatTime(p.readyAt)}{" "}
              {ready ? (
                <span className="badge ok">ready</span>
              ) : (
                <span className="badge warn">in {waitText(p.readyAt - p.now)}</span>
              )}
            </dd>
          </>
        )}
      </dl>

      <form className={`stack ${styles.form}`} onSubmit={onStake} noValidate>
        <label htmlFor={`${ids}-stake`}>
          {p.stake > 0n ? "Stake more (GRID)" : "Amount to stake (GRID)"}
          <input
            id={`${ids}-stake`}
            inputMode="decimal"
            autoComplete="off"
            placeholder={formatGrid(p.minStake).replace(" GRID", "")}
            value={stakeInput}
            onChange={(e) => setStakeInput(e.target.value)}
            aria-invalid={stakeError ? true : undefined}
            aria-describedby={stakeError ? `${ids}-stake-err` : undefined}
          />
        </label>
        {stakeError && (
          <p id={`${ids}-stake-err`} className="state error" role="alert">
            {stakeError}
          </p>
        )}
        <button type="submit" disabled={approveTx.busy || stakeTx.busy}>
          {p.stake > 0n ? `Stake more as ${p.role}` : `Stake as ${p.role}`}
        </button>
        <TxStatus status={stakeStatus} />
      </form>

      {p.stake > 0n && (
        <form className={`stack ${styles.form}`} onSubmit={onUnbond} noValidate>
          <label htmlFor={`${ids}-unbond`}>
            Unbond (GRID): leaves the stake now, withdrawable after {waitText(BigInt(p.unbondingPeriod))}, slashable
            until then
            <input
              id={`${ids}-unbond`}
              inputMode="decimal"
              autoComplete="off"
              value={unbondInput}
              onChange={(e) => setUnbondInput(e.target.value)}
              aria-invalid={unbondError ? true : undefined}
              aria-describedby={unbondError ? `${ids}-unbond-err` : undefined}
            />
          </label>
          {unbondError && (
            <p id={`${ids}-unbond-err`} className="state error" role="alert">
              {unbondError}
            </p>
          )}
          <button type="submit" className="secondary" disabled={unbondTx.busy}>
            Request unbonding
          </button>
          <TxStatus status={unbondTx.status} />
        </form>
      )}

      {p.unbonding > 0n && (
        <div className="stack">
          <button
            type="button"
            className="secondary"
            onClick={onWithdrawUnbonded}
            disabled={withdrawTx.busy || !ready || p.activeWork > 0}
          >
            Withdraw unbonded stake
          </button>
          {!ready && <p className="muted">Available from {formatTime(p.readyAt)} (chain time).</p>}
          {ready && p.activeWork > 0 && (
            <p className="muted">
              Waits until your {p.activeWork} open {p.role === "worker" ? "jobs" : "cases"} settle.
            </p>
          )}
          <TxStatus status={withdrawTx.status} />
        </div>
      )}
    </div>
  );
}
