"use client";
// The connected account as a worker and/or validator: live state from the chain (stakes,
// balance, served models and prices), history and aggregates from the subgraph.
import { useAccount, useBlock, useReadContracts } from "wagmi";
import type { Address } from "viem";
import { MarketBalance } from "@/components/MarketBalance";
import { ErrorState, Loading } from "@/components/States";
import { useAppConfig } from "@/hooks/useAppConfig";
import { useContracts } from "@/hooks/useContracts";
import { useSubgraph } from "@/hooks/useSubgraph";
import { formatGrid, formatInt } from "@/lib/format";
import { ActiveJobs } from "./ActiveJobs";
import { BecomeNode } from "./BecomeNode";
import { Cases } from "./Cases";
import { EarningsHistory } from "./EarningsHistory";
import { ServedModels } from "./ServedModels";
import { StakePanel } from "./StakePanel";
import type { NodeData } from "./types";
import styles from "./node.module.css";

export function NodeDashboard() {
  const { deployment } = useAppConfig();
  const { address, isConnected } = useAccount();
  if (!deployment)
    return <p className="state">The dashboard needs an InferGrid deployment on this chain (see the message above).</p>;
  if (!isConnected || !address) {
    return (
      <div className="panel">
        <p>
          Connect a wallet (the button at the top right) to see your node: earnings, stake, served models and prices,
          Elo, active jobs and validator cases.
        </p>
        <BecomeNode connected={false} />
      </div>
    );
  }
  return <Node account={address} />;
}

function Node({ account }: { account: Address }) {
  const { WorkerRegistry, ValidatorRegistry, ProtocolConfig, GridToken } = useContracts();
  const id = account.toLowerCase();
  const chain = useReadContracts({
    allowFailure: false,
    contracts: [
      { ...WorkerRegistry, functionName: "worker", args: [account] },
      { ...WorkerRegistry, functionName: "stats", args: [account] },
      { ...ValidatorRegistry, functionName: "validator", args: [account] },
      { ...ProtocolConfig, functionName: "params" },
      { ...ProtocolConfig, functionName: "verificationParams" },
      { ...GridToken, functionName: "balanceOf", args: [account] },
    ],
  });
  const block = useBlock({ watch: true });
  const sub = useSubgraph<NodeData>("MY_NODE", { id, account: id, worker: id });

  if (chain.error && !chain.data) return <ErrorState error={chain.error} what="your stakes from the chain" />;
  if (!chain.data) return <Loading what="your node" />;
  const [worker, stats, validator, params, vparams, wallet] = chain.data;
  // The chain's clock, not the browser's, decides when unbonded stake is ready.
  const now = block.data?.timestamp ?? BigInt(Math.floor(Date.now() / 1000));
  const isWorker = worker.registered || worker.stake > 0n || worker.unbonding > 0n;
  const isValidator = validator.listed || validator.stake > 0n || validator.unbonding > 0n;
  const sg = sub.data;

  return (
    <div className={styles.dashboard}>
      <p className={styles.roles}>
        <span className="mono">{account}</span> {worker.registered && <span className="badge ok">Worker</span>}{" "}
        {worker.paused && <span className="badge warn">Paused</span>}{" "}
        {validator.listed && <span className="badge ok">Validator</span>}{" "}
        {!isWorker && !isValidator && <span className="badge">Neither worker nor validator yet</span>}
        <span className="muted"> · wallet {formatGrid(wallet)}</span>
      </p>
      {sub.error && <ErrorState error={sub.error} what="your history from the subgraph (chain state below is live)" />}

      <section aria-labelledby="earnings-h" className="panel">
        <h2 id="earnings-h">Earnings</h2>
        <MarketBalance account={account}>
          <div className="card">
            <div className="label">Earned as a worker (all time)</div>
            <div className="value">{sg ? formatGrid(sg.worker?.earnings ?? "0", 18) : "…"}</div>
          </div>
          <div className="card">
            <div className="label">Withdrawn (all time)</div>
            <div className="value">{sg ? formatGrid(sg.account?.withdrawn ?? "0", 18) : "…"}</div>
          </div>
        </MarketBalance>
        <h3>Credited payouts</h3>
        <EarningsHistory query={sub} />
      </section>

      {isWorker && (
        <section aria-labelledby="worker-h" className="panel">
          <h2 id="worker-h">Worker</h2>
          <div className="cards">
            <div className="card">
              <div className="label">Elo</div>
              <div className="value">{worker.elo}</div>
            </div>
            <div className="card">
              <div className="label">Active jobs</div>
              <div className="value">
                {worker.activeJobs} / {worker.capacity}
              </div>
            </div>
            <div className="card">
              <div className="label">Jobs done / failed</div>
              <div className="value">
                {formatInt(stats.jobsDone)} / {formatInt(stats.jobsFailed)}
              </div>
            </div>
            <div className="card">
              <div className="label">Tokens served</div>
              <div className="value">{formatInt(stats.tokensServed)}</div>
            </div>
          </div>
          {!worker.registered && (
            <p className="muted">
              This account has worker stake but no worker profile: start the daemon (
              <code>./infergrid worker start</code>) to register it.
            </p>
          )}
          <StakePanel
            role="worker"
            stake={worker.stake}
            unbonding={worker.unbonding}
            readyAt={worker.unbondingReadyAt}
            now={now}
            minStake={params.minWorkerStake}
            unbondingPeriod={params.unbondingPeriod}
            activeWork={worker.activeJobs}
          />
          <h3>Served models and prices</h3>
          <ServedModels account={account} registered={worker.registered} />
          <h3>Active jobs</h3>
          <ActiveJobs query={sub} />
        </section>
      )}

      {isValidator && (
        <section aria-labelledby="validator-h" className="panel">
          <h2 id="validator-h">Validator</h2>
          <div className="cards">
            <div className="card">
              <div className="label">Open cases</div>
              <div className="value">{validator.activeCases}</div>
            </div>
            <div className="card">
              <div className="label">Rewards (all time)</div>
              <div className="value">{sg ? formatGrid(sg.validator?.rewards ?? "0", 18) : "…"}</div>
            </div>
            <div className="card">
              <div className="label">Slashed (all time)</div>
              <div className="value">{sg ? formatGrid(sg.validator?.slashed ?? "0", 18) : "…"}</div>
            </div>
          </div>
          <StakePanel
            role="validator"
            stake={validator.stake}
            unbonding={validator.unbonding}
            readyAt={validator.unbondingReadyAt}
            now={now}
            minStake={vparams.minValidatorStake}
            unbondingPeriod={params.unbondingPeriod}
            activeWork={validator.activeCases}
          />
          <h3>Cases</h3>
          <Cases query={sub} />
        </section>
      )}

      {(!isWorker || !isValidator) && (
        <section aria-labelledby="become-h" className="panel">
          <h2 id="become-h">
            {!isWorker && !isValidator
              ? "Become a worker or validator"
              : isWorker
                ? "Also become a validator"
                : "Also become a worker"}
          </h2>
          <BecomeNode connected />
          <div className={styles.split}>
            {!isWorker && (
              <StakePanel
                role="worker"
                stake={worker.stake}
                unbonding={worker.unbonding}
                readyAt={worker.unbondingReadyAt}
                now={now}
                minStake={params.minWorkerStake}
                unbondingPeriod={params.unbondingPeriod}
                activeWork={0}
              />
            )}
            {!isValidator && (
              <StakePanel
                role="validator"
                stake={validator.stake}
                unbonding={validator.unbonding}
                readyAt={validator.unbondingReadyAt}
                now={now}
                minStake={vparams.minValidatorStake}
                unbondingPeriod={params.unbondingPeriod}
                activeWork={0}
              />
            )}
          </div>
        </section>
      )}
    </div>
  );
}
