"use client";
// What the market has credited to an account (worker pay, royalties, refunds, validator rewards)
// and the pull-payment withdrawal of all of it. Shown on My node and in My models.
import type { ReactNode } from "react";
import { parseEventLogs, type Address } from "viem";
import { useReadContract } from "wagmi";
import { ErrorState } from "@/components/States";
import { TxStatus } from "@/components/TxStatus";
import { useContracts } from "@/hooks/useContracts";
import { useWriteInferGrid } from "@/hooks/useWriteInferGrid";
import { formatGrid } from "@/lib/format";

export function MarketBalance({ account, children }: { account: Address; children?: ReactNode }) {
  const { JobMarket } = useContracts();
  const balance = useReadContract({ ...JobMarket, functionName: "balanceOf", args: [account] });
  const tx = useWriteInferGrid({ contract: "JobMarket" });
  const credited = balance.data;

  const withdraw = () =>
    tx.writeContractAsync(
      { functionName: "withdraw" },
      {
        label: "Withdraw earnings",
        done: (r) => {
          const [log] = parseEventLogs({ abi: JobMarket.abi, eventName: "Withdrawn", logs: r.logs });
          return `Withdrew ${formatGrid(log?.args.amount ?? 0n, 18)} to your wallet.`;
        },
      },
    );

  return (
    <div className="stack">
      <div className="cards">
        <div className="card">
          <div className="label">Withdrawable now</div>
          {/* Full precision: a job pays fractions of a GRID, and this is exactly what withdraw() sends. */}
          <div className="value" data-testid="market-balance" aria-live="polite">
            {credited === undefined ? (balance.error ? "-" : "…") : formatGrid(credited, 18)}
          </div>
        </div>
        {children}
      </div>
      {balance.error && credited === undefined && <ErrorState error={balance.error} what="your market balance" />}
      <div className="row actions">
        <button type="button" onClick={withdraw} disabled={tx.busy || !credited}>
          Withdraw earnings
        </button>
        {credited === 0n && <span className="muted">Nothing credited to withdraw.</span>}
      </div>
      <TxStatus status={tx.status} testId="withdraw-status" />
    </div>
  );
}
