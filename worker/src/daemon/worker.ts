import type { Address, Hex } from "viem";
import { deriveEncryptionKeyPair, getContractConfigs, readDeployment, sealJson } from "@infergrid/sdk";
import type { Logger } from "pino";
import { Assignments } from "./assignments.ts";
import { connect } from "./chain.ts";
import { loadPrivateKey, type WorkerConfig } from "./config.ts";
import type { WorkerContext } from "./context.ts";
import { Execution, openInput } from "./execution.ts";
import { ChainClock, runLoop } from "./loop.ts";
import { createMetrics } from "./metrics.ts";
import { loadServedModels } from "./models.ts";
import { ensureRegistered } from "./registration.ts";
import { startServer, type ServerHandle, type WorkerServerHost } from "./server.ts";
import { Settlement } from "./settlement.ts";
import { StateStore, loadState } from "./state.ts";
import { JobStreams } from "./streams.ts";

export type { ServedModel, ServedZkModel } from "./models.ts";

export type RunningWorker = {
  address: Address;
  url: string;
  stop: () => Promise<void>;
};

/**
 * The worker daemon, composed of its roles: registration (stake, profile and prices on start,
 * registration.ts), assignments (JobAssigned from the last processed block, decline rules,
 * assignments.ts), execution (decrypt, engine or zk prover, stream, execution.ts) and
 * settlement (submit or commit-reveal, finalize, settlement.ts), around the persisted state
 * (state.ts), the stream buffer (streams.ts) and the HTTP server (server.ts), which sees the
 * daemon only through `WorkerServerHost`.
 */
export class WorkerDaemon {
  readonly config: WorkerConfig;
  readonly log: Logger;
  readonly metrics = createMetrics("worker");
  readonly streams = new JobStreams();
  private ctx?: WorkerContext;
  private assignments?: Assignments;
  private execution?: Execution;
  private settlement?: Settlement;
  private loop?: Promise<void>;
  private server?: ServerHandle;
  private readonly abort = new AbortController();
  private headBlock = 0n;

  constructor(config: WorkerConfig, log: Logger) {
    this.config = config;
    this.log = log;
  }

  async start(): Promise<RunningWorker> {
    const { config, log } = this;
    const key = await loadPrivateKey(config.key);
    const chain = await connect(config.rpcUrl, key, log, Math.min(config.pollIntervalMs, 200));
    const address = chain.account.address;
    // The X25519 key is derived from the wallet key, so the operator manages one secret.
    const encryption = deriveEncryptionKeyPair(key);
    const deployment = readDeployment(chain.chain.id, config.deploymentsDir, config.deploymentId);
    const contracts = getContractConfigs(deployment);
    log.info({ address, chainId: chain.chain.id, rpc: config.rpcUrl }, "worker starting");
    const served = await loadServedModels({ config, chain, deployment, log });
    await ensureRegistered({ chain, contracts, config, address, encryptionKey: encryption.publicKey, served, log });
    const store = new StateStore(config.stateFile, await loadState(config.stateFile, config.startBlock));
    const ctx: WorkerContext = {
      config,
      log,
      metrics: this.metrics,
      chain,
      contracts,
      address,
      encryption,
      served,
      store,
      streams: this.streams,
      clock: new ChainClock(chain.publicClient),
      signal: this.abort.signal,
    };
    this.ctx = ctx;
    this.settlement = new Settlement(ctx);
    this.execution = new Execution(ctx, this.settlement);
    this.assignments = new Assignments(ctx, this.execution);
    this.server = await startServer(this.serverHost(ctx), config.listen.host, config.listen.port);
    log.info({ url: this.server.url, endpoint: config.endpoint }, "serving");
    this.loop = this.run();
    return { address, url: this.server.url, stop: () => this.stop() };
  }

  async stop(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.abort.abort();
    await this.loop?.catch(() => undefined);
    await this.server?.close();
    await this.ctx?.store.save();
    this.log.info("worker stopped");
  }

  /** Each round: new assignments, then every unfinished job one step further. */
  private run(): Promise<void> {
    return runLoop({
      intervalMs: this.config.pollIntervalMs,
      stopped: () => this.abort.signal.aborted,
      log: this.log,
      step: async () => {
        this.headBlock = await this.assignments!.poll();
        this.execution!.resume();
        await this.settlement!.tick();
      },
    });
  }

  /** The narrow view of this daemon that its HTTP server gets. */
  private serverHost(ctx: WorkerContext): WorkerServerHost {
    return {
      address: ctx.address,
      capacity: this.config.capacity,
      log: this.log,
      metrics: this.metrics,
      streams: this.streams,
      chainId: () => ctx.chain.chain.id,
      state: () => ctx.store.state,
      headBlock: () => this.headBlock,
      servedModels: () =>
        [...ctx.served.engine.values(), ...ctx.served.zk.values()].map((m) => ({
          modelId: m.modelId,
          modelHash: m.model.modelHash,
          name: m.name,
        })),
      sealedOutputFor: (key): Hex | null => {
        const record = ctx.store.state.jobs[key];
        if (!record?.output) return null;
        return sealJson(openInput(ctx, record).input.replyKey, record.output);
      },
      inputBytes: (record) => openInput(ctx, record).bytes,
      drawnValidators: async (jobId) => {
        const ballots = await ctx.chain.publicClient.readContract({
          ...ctx.contracts.VerificationCourt,
          functionName: "ballots",
          args: [jobId],
        });
        return ballots.map((b) => b.validator);
      },
    };
  }
}
