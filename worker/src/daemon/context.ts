import type { Address } from "viem";
import type { EncryptionKeyPair, InferGridContractConfigs } from "@infergrid/sdk";
import type { Logger } from "pino";
import type { Chainlink } from "./chain.ts";
import type { WorkerConfig } from "./config.ts";
import type { ChainClock } from "./loop.ts";
import type { Metrics } from "./metrics.ts";
import type { ServedModels } from "./models.ts";
import type { StateStore } from "./state.ts";
import type { JobStreams } from "./streams.ts";

/** What the worker daemon's roles (assignments, execution, settlement) share, set up once at start. */
export type WorkerContext = {
  readonly config: WorkerConfig;
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly chain: Chainlink;
  readonly contracts: InferGridContractConfigs;
  readonly address: Address;
  /** The X25519 key job inputs are sealed to (derived from the wallet key). */
  readonly encryption: EncryptionKeyPair;
  readonly served: ServedModels;
  readonly store: StateStore;
  readonly streams: JobStreams;
  readonly clock: ChainClock;
  /** Aborted when the daemon stops: running generations end early. */
  readonly signal: AbortSignal;
};
