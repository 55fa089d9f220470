// Follows a chain's logs for one InferGrid deployment and feeds them, in chain order, to the
// built mapping WASM; persists the entity store and the last indexed block to a JSON file so a
// restart resumes where it stopped.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createPublicClient, http, type Block, type Log, type PublicClient, type Transaction } from "viem";
import { readIgnitionDeployment, deploymentStartBlock, DEPLOYMENTS_DIR } from "@infergrid/contracts/ignition-journal";
import { decodeParams } from "./decode.ts";
import { loadEntityModel, type EntityModel } from "./entities.ts";
import { AscInstance, graphHostFunctions, type EventData, type Hex, type LogLevel } from "./host.ts";
import { loadBuiltSubgraph, type DataSourceSpec } from "./manifest.ts";
import { EntityStore, type StoreSnapshot } from "./store.ts";

export type IndexerOptions = {
  rpc: string;
  deploymentId: string;
  buildDir: string;
  stateDir: string;
  deploymentsDir?: string;
  pollIntervalMs?: number;
  /** Most blocks per eth_getLogs call. */
  batchSize?: number;
  log?: (level: LogLevel, message: string) => void;
};

export type IndexedBlock = { number: number; hash: Hex | null; timestamp: number | null };

type StateFile = {
  version: 1;
  deploymentId: string;
  /** The contracts indexed, so a redeployment under the same id is noticed. */
  contracts: Record<string, string>;
  /** The build that indexed them, so a rebuilt subgraph reindexes. */
  buildHash: string;
  block: IndexedBlock;
  store: StoreSnapshot;
};

export class IndexingError extends Error {
  override name = "IndexingError";
}

type Source = DataSourceSpec & { address: Hex };

const STATE_SAVE_INTERVAL_MS = 10_000;

export class Indexer {
  readonly model: EntityModel;
  readonly store: EntityStore;
  readonly statePath: string;
  block: IndexedBlock;
  fatalError: Error | null = null;
  private readonly opts: Required<Omit<IndexerOptions, "deploymentsDir" | "log">> & Pick<IndexerOptions, "log">;
  private readonly client: PublicClient;
  private readonly sources: Source[];
  private readonly bySourceAddress = new Map<string, Source>();
  private readonly startBlock: number;
  private readonly buildHash: string;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private waiters: { block: number; resolve: () => void; reject: (e: Error) => void }[] = [];

  constructor(opts: IndexerOptions) {
    this.opts = { pollIntervalMs: 500, batchSize: 2000, ...opts, log: opts.log };
    const built = loadBuiltSubgraph(opts.buildDir);
    this.buildHash = built.buildHash;
    this.model = loadEntityModel(built.schemaPath);
    this.store = new EntityStore(this.model);
    const deployment = readIgnitionDeployment(opts.deploymentId, opts.deploymentsDir ?? DEPLOYMENTS_DIR);
    this.sources = built.dataSources.map((ds) => {
      const c = deployment.contracts[ds.name];
      if (!c)
        throw new IndexingError(
          `Deployment ${opts.deploymentId} has no contract named ${ds.name} (a data source of the subgraph)`,
        );
      return { ...ds, address: c.address.toLowerCase() as Hex };
    });
    for (const s of this.sources) this.bySourceAddress.set(s.address, s);
    this.startBlock = deploymentStartBlock(deployment);
    this.client = createPublicClient({ transport: http(opts.rpc, { retryCount: 2 }) });
    mkdirSync(opts.stateDir, { recursive: true });
    this.statePath = join(opts.stateDir, `${opts.deploymentId}.json`);
    this.block = { number: this.startBlock - 1, hash: null, timestamp: null };
    this.loadState();
  }

  private log(level: LogLevel, message: string): void {
    this.opts.log?.(level, message);
  }

  private contracts(): Record<string, string> {
    return Object.fromEntries(this.sources.map((s) => [s.name, s.address]));
  }

  private loadState(): void {
    if (!existsSync(this.statePath)) return;
    const state = JSON.parse(readFileSync(this.statePath, "utf8")) as StateFile;
    if (state.version !== 1 || state.deploymentId !== this.opts.deploymentId) {
      throw new IndexingError(
        `State file ${this.statePath} is not a version-1 state of deployment ${this.opts.deploymentId}; delete it to reindex`,
      );
    }
    if (JSON.stringify(state.contracts) !== JSON.stringify(this.contracts())) {
      this.log(
        "warning",
        `${this.statePath} indexed other contracts (an earlier deployment): reindexing from block ${this.startBlock}`,
      );
      return;
    }
    if (state.buildHash !== this.buildHash) {
      this.log(
        "warning",
        `${this.statePath} was indexed by another build of the subgraph: reindexing from block ${this.startBlock}`,
      );
      return;
    }
    this.store.restore(state.store);
    this.block = state.block;
    this.log("info", `resumed from ${this.statePath} at block ${state.block.number}`);
  }

  /** Forgets everything: the next poll indexes from the deployment block again. */
  private reset(why: string): void {
    this.log("warning", `${why}: reindexing from block ${this.startBlock}`);
    this.store.clear();
    this.block = { number: this.startBlock - 1, hash: null, timestamp: null };
  }

  private savedAt = 0;

  private saveState(): void {
    this.savedAt = Date.now();
    const state: StateFile = {
      version: 1,
      deploymentId: this.opts.deploymentId,
      contracts: this.contracts(),
      buildHash: this.buildHash,
      block: this.block,
      store: this.store.snapshot(),
    };
    const tmp = `${this.statePath}.tmp`;
    writeFileSync(tmp, JSON.stringify(state));
    renameSync(tmp, this.statePath);
  }

  /** Starts following the head; resolves after the first catch-up pass. */
  async start(): Promise<void> {
    await this.tick();
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.fatalError) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.opts.pollIntervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    if (!this.fatalError) this.saveState();
  }

  /** Resolves once `block` is indexed; rejects if indexing fails first. */
  waitForBlock(block: number, timeoutMs = 60_000): Promise<void> {
    if (this.block.number >= block) return Promise.resolve();
    if (this.fatalError) return Promise.reject(this.fatalError);
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new IndexingError(`Block ${block} not indexed within ${timeoutMs} ms (at ${this.block.number})`)),
        timeoutMs,
      );
      this.waiters.push({
        block,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
        reject: (e) => {
          clearTimeout(t);
          reject(e);
        },
      });
    });
  }

  private notify(): void {
    const ready = this.waiters.filter((w) => this.block.number >= w.block || this.fatalError);
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) this.fatalError ? w.reject(this.fatalError) : w.resolve();
  }

  /** One poll: index every block up to the head. Errors in a mapping stop indexing for good. */
  tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.catchUp()
      .catch((e: unknown) => {
        const err = e instanceof Error ? e : new Error(String(e));
        if (
          err instanceof IndexingError ||
          err.name === "MappingAbort" ||
          err.name === "StoreError" ||
          err.name === "UnsupportedHostFunctionError"
        ) {
          this.fatalError = err;
          this.log("error", `indexing stopped: ${err.message}`);
        } else {
          // RPC hiccups: try again on the next poll.
          this.log("warning", `poll failed: ${err.message}`);
        }
      })
      .finally(() => {
        this.running = null;
        this.notify();
      });
    return this.running;
  }

  private async catchUp(): Promise<void> {
    if (this.fatalError || this.stopped) return;
    const head = Number(await this.client.getBlockNumber({ cacheTime: 0 }));
    // The chain is the system of record: when the indexed block is gone (a restarted local
    // chain, a reorganization), rebuilding from it is always right, and at this scale cheaper
    // than rolling entities back block by block.
    if (head < this.block.number)
      this.reset(`the chain's head ${head} is behind the indexed block ${this.block.number}`);
    else if (!(await this.continuous())) {
      this.reset(
        `block ${this.block.number} is no longer ${this.block.hash} on ${this.opts.rpc} (chain reset or reorganized)`,
      );
    }
    while (this.block.number < head && !this.stopped) {
      if (!(await this.continuous())) {
        this.reset(
          `block ${this.block.number} is no longer ${this.block.hash} on ${this.opts.rpc} (chain reset or reorganized)`,
        );
      }
      const from = this.block.number + 1;
      const to = Math.min(head, from + this.opts.batchSize - 1);
      const logs = await this.client.getLogs({
        address: this.sources.map((s) => s.address),
        fromBlock: BigInt(from),
        toBlock: BigInt(to),
      });
      logs.sort((a, b) => Number(a.blockNumber! - b.blockNumber!) || Number(a.logIndex! - b.logIndex!));
      const byBlock = new Map<number, Log[]>();
      for (const l of logs) {
        if (l.removed) continue;
        const n = Number(l.blockNumber);
        let list = byBlock.get(n);
        if (!list) byBlock.set(n, (list = []));
        list.push(l);
      }
      for (const [n, blockLogs] of byBlock) await this.processBlock(n, blockLogs);
      const last = await this.client.getBlock({ blockNumber: BigInt(to) });
      this.block = { number: to, hash: last.hash, timestamp: Number(last.timestamp) };
      // Empty blocks (a local chain mines one every second) only move the pointer: writing the
      // whole store for them is waste, and re-reading a few empty blocks after a restart is free.
      if (byBlock.size > 0 || Date.now() - this.savedAt > STATE_SAVE_INTERVAL_MS) this.saveState();
      this.notify();
    }
  }

  /** Whether the last indexed block is still on the chain (a restarted local chain is not). */
  private async continuous(): Promise<boolean> {
    if (!this.block.hash) return true;
    const b = await this.client.getBlock({ blockNumber: BigInt(this.block.number) }).catch(() => null);
    return b !== null && b.hash === this.block.hash;
  }

  private async processBlock(number: number, logs: Log[]): Promise<void> {
    const block = (await this.client.getBlock({ blockNumber: BigInt(number), includeTransactions: true })) as Block<
      bigint,
      true
    >;
    if (block.hash === null || block.number === null)
      throw new IndexingError(`Block ${number} is still pending on ${this.opts.rpc}`);
    const blockHash = block.hash;
    const blockNumber = block.number;
    const txs = new Map<string, Transaction>(block.transactions.map((t) => [t.hash, t]));
    // One fresh instance per data source per block: the stub runtime never frees memory.
    const instances = new Map<Source, AscInstance>();
    let current: AscInstance | null = null;
    const host = graphHostFunctions(
      () => {
        if (!current) throw new IndexingError("host function called outside a handler");
        return current;
      },
      { store: this.store, log: (level, msg) => this.log(level, `[mapping] ${msg}`) },
    );
    for (const l of logs) {
      const source = this.bySourceAddress.get(l.address.toLowerCase());
      if (!source) continue;
      const spec = source.handlers.get(l.topics[0] as Hex);
      if (!spec) continue;
      let inst = instances.get(source);
      if (!inst) {
        inst = new AscInstance(source.module, host);
        current = inst;
        inst.start();
        instances.set(source, inst);
      }
      const tx = txs.get(l.transactionHash!);
      if (!tx) throw new IndexingError(`Transaction ${l.transactionHash} of a log is not in block ${number}`);
      const event: EventData = {
        address: source.address,
        logIndex: BigInt(l.logIndex!),
        // graph-node fills this from the node's transactionLogIndex, which Hardhat does not report.
        transactionLogIndex: BigInt(l.logIndex!),
        block: {
          hash: blockHash,
          parentHash: block.parentHash,
          number: blockNumber,
          timestamp: block.timestamp,
          author: block.miner,
          gasUsed: block.gasUsed,
          gasLimit: block.gasLimit,
          baseFeePerGas: block.baseFeePerGas ?? null,
        },
        transaction: {
          hash: tx.hash,
          index: BigInt(tx.transactionIndex ?? 0),
          from: tx.from,
          to: tx.to ?? null,
          value: tx.value,
          gasLimit: tx.gas,
          gasPrice: tx.gasPrice ?? 0n,
          input: tx.input,
          nonce: BigInt(tx.nonce),
        },
        params: decodeParams(spec.event, l),
      };
      current = inst;
      try {
        const handler = inst.exports[spec.handler] as ((ptr: number) => void) | undefined;
        if (!handler) throw new IndexingError(`${source.name}.wasm exports no handler ${spec.handler}`);
        handler(inst.newEvent(event));
      } catch (e) {
        const err = e as Error;
        throw new IndexingError(
          `${source.name}.${spec.handler} failed at block ${number}, tx ${l.transactionHash}, log ${l.logIndex}: ${err.name}: ${err.message}`,
        );
      } finally {
        current = null;
      }
    }
  }
}
