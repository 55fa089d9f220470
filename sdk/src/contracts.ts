import {
  BaseError,
  decodeErrorResult,
  formatEther,
  getContract,
  isHex,
  type Abi,
  type Address,
  type Chain,
  type GetContractReturnType,
  type Hex,
  type PublicClient,
  type Transport,
  type WalletClient,
  type Account,
} from "viem";
import { readDeployment, type Deployment } from "./addresses.ts";
import { InferGridError } from "./errors.ts";
import { enumName, JobStatus } from "./protocol/status.ts";
import {
  blockhashRandomnessAbi,
  gridGovernorAbi,
  gridTimelockAbi,
  gridTokenAbi,
  jobMarketAbi,
  modelRegistryAbi,
  protocolConfigAbi,
  validatorRegistryAbi,
  verificationCourtAbi,
  workerRegistryAbi,
} from "@infergrid/contracts/abis";

/** Every deployed contract's ABI, keyed like `Deployment`. */
export const inferGridAbis = {
  GridToken: gridTokenAbi,
  GridTimelock: gridTimelockAbi,
  GridGovernor: gridGovernorAbi,
  ProtocolConfig: protocolConfigAbi,
  ModelRegistry: modelRegistryAbi,
  WorkerRegistry: workerRegistryAbi,
  JobMarket: jobMarketAbi,
  ValidatorRegistry: validatorRegistryAbi,
  BlockhashRandomness: blockhashRandomnessAbi,
  VerificationCourt: verificationCourtAbi,
} as const;

type Abis = typeof inferGridAbis;
type AbiError = Extract<Abi[number], { type: "error" }>;
type AnyPublicClient = PublicClient<Transport, Chain | undefined>;
type AnyWalletClient = WalletClient<Transport, Chain | undefined, Account | undefined>;

export type InferGridContracts<C extends { public: AnyPublicClient; wallet?: AnyWalletClient }> = {
  readonly [K in keyof Abis]: GetContractReturnType<Abis[K], C>;
};

/** One contract of a deployment as viem's calls take it: `{ address, abi }`. */
export type ContractConfig<N extends keyof Abis> = { readonly address: Address; readonly abi: Abis[N] };

export type InferGridContractConfigs<N extends keyof Abis = keyof Abis> = { readonly [K in N]: ContractConfig<K> };

/**
 * The `{ address, abi }` pair of each contract of a deployment (or of the contracts a partial
 * deployment names), to spread into viem's readContract, getContractEvents, simulateContract
 * or writeContract.
 * @example
 * const c = getContractConfigs(deployment);
 * await publicClient.readContract({ ...c.JobMarket, functionName: "job", args: [jobId] });
 */
export function getContractConfigs<D extends Partial<Record<keyof Abis, Address>>>(
  deployment: D,
): InferGridContractConfigs<Extract<keyof D, keyof Abis>> {
  const entries = (Object.keys(inferGridAbis) as (keyof Abis)[]).flatMap((name) => {
    const address = deployment[name];
    return address === undefined ? [] : [[name, { address, abi: inferGridAbis[name] }] as const];
  });
  return Object.fromEntries(entries) as unknown as InferGridContractConfigs<Extract<keyof D, keyof Abis>>;
}

/**
 * viem contract instances for every contract of a deployment. With a wallet client the
 * instances also have `write`; reads always go through the public client.
 */
export function getContracts(p: {
  publicClient: AnyPublicClient;
  deployment: Deployment;
}): InferGridContracts<{ public: AnyPublicClient }>;
export function getContracts<W extends AnyWalletClient>(p: {
  publicClient: AnyPublicClient;
  walletClient: W;
  deployment: Deployment;
}): InferGridContracts<{ public: AnyPublicClient; wallet: W }>;
export function getContracts(p: {
  publicClient: AnyPublicClient;
  walletClient?: AnyWalletClient;
  deployment: Deployment;
}): object {
  const client = p.walletClient ? { public: p.publicClient, wallet: p.walletClient } : { public: p.publicClient };
  const entries = (Object.keys(inferGridAbis) as (keyof Abis)[]).map(
    (name) => [name, getContract({ address: p.deployment[name], abi: inferGridAbis[name], client })] as const,
  );
  return Object.fromEntries(entries);
}

/**
 * The addresses of the InferGrid deployment on `chainId`, from Ignition's output in this
 * checkout (`ignition/deployments/<deploymentId>/deployed_addresses.json`).
 * @param options.deploymentId Ignition's deployment id; `chain-<chainId>` unless the chain was
 * deployed under another id (`make up` on a non-default port uses `local-<port>`).
 */
export function chainDeployment(
  chainId: number,
  options: { deploymentsDir?: string; deploymentId?: string } = {},
): Deployment {
  return readDeployment(chainId, options.deploymentsDir, options.deploymentId ?? `chain-${chainId}`);
}

/**
 * The custom errors of every InferGrid contract (OpenZeppelin's included, through the token
 * and governor ABIs), deduplicated by signature. A call into the market can revert with a
 * registry's error (the market calls `WorkerRegistry.reserve`), so decoding with the called
 * contract's ABI alone would miss it.
 */
export const inferGridErrorsAbi: readonly AbiError[] = (() => {
  const seen = new Map<string, AbiError>();
  for (const abi of Object.values(inferGridAbis) as readonly Abi[]) {
    for (const item of abi) {
      if (item.type !== "error") continue;
      const key = `${item.name}(${item.inputs.map((i) => i.type).join(",")})`;
      if (!seen.has(key)) seen.set(key, item);
    }
  }
  return [...seen.values()];
})();

/** A call reverted with a decoded error; `message` says what happened and what to do. */
export class ContractRevertError extends InferGridError {
  override name = "ContractRevertError";
  readonly code = "CONTRACT_REVERT";
  readonly errorName: string;
  readonly args: readonly unknown[];
  readonly data: Hex;
  readonly functionName: string | undefined;
  readonly hint: string;
  constructor(p: {
    errorName: string;
    args: readonly unknown[];
    data: Hex;
    functionName?: string | undefined;
    cause?: unknown;
  }) {
    const hint = explainRevert(p.errorName, p.args);
    const call = p.functionName ? `${p.functionName} reverted` : "the call reverted";
    super(`${call} with ${p.errorName}(${p.args.map(formatArg).join(", ")}): ${hint}`, { cause: p.cause });
    this.errorName = p.errorName;
    this.args = p.args;
    this.data = p.data;
    this.functionName = p.functionName;
    this.hint = hint;
  }
}

function formatArg(v: unknown): string {
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return v;
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x));
}

const grid = (wei: unknown): string => (typeof wei === "bigint" ? `${formatEther(wei)} GRID` : String(wei));
const when = (ts: unknown): string =>
  typeof ts === "bigint" && ts < 2n ** 40n ? new Date(Number(ts) * 1000).toISOString() : String(ts);
const jobStatusName = (s: unknown): string =>
  typeof s === "number" ? (enumName(JobStatus, s) ?? String(s)) : String(s);

/** One sentence per error a poster, worker or validator can meet: what happened, what to do. */
const hints: Record<string, (a: readonly unknown[]) => string> = {
  // market
  UnknownJob: ([id]) => `job ${id} does not exist; check the job id.`,
  ModelNotActive: ([m]) => `model ${m} is unknown or deactivated; choose an active model.`,
  InvalidRedundancy: ([n, max]) => `${n} workers named, the market allows 1..${max}; lower --redundancy.`,
  DuplicateWorker: ([w]) => `worker ${w} is named twice; name distinct workers.`,
  PosterIsWorker: ([w]) => `${w} is both the poster and a named worker; post from another account or exclude it.`,
  ZeroMaxTokens: () => "max input and output tokens must be at least 1; raise --max-tokens.",
  ZeroInputHash: () => "the input hash is zero; hash the encoded job input (jobInputHash).",
  InputsMismatch: ([n, r]) => `${n} encrypted inputs for ${r} workers; seal the input once per worker.`,
  DeadlineOutOfRange: ([d, lo, hi]) =>
    `deadline ${when(d)} is outside ${when(lo)}..${when(hi)}; choose a --deadline within the protocol's job timeout.`,
  JobNotOpen: ([id, s]) => `job ${id} is ${jobStatusName(s)}, no longer open; nothing to do for it now.`,
  JobNotInChallenge: ([id, s]) =>
    `job ${id} is ${jobStatusName(s)}, not in its challenge window; it cannot be finalized or challenged now.`,
  NotAssigned: ([id, a]) => `${a} is not a named worker of job ${id}.`,
  AlreadyActed: ([id, w, s]) => `worker ${w} already acted on job ${id} (work status ${s}).`,
  DeclineWindowClosed: ([id, at]) => `the decline window of job ${id} closed at ${when(at)}; deliver or time out.`,
  DeadlinePassed: ([id, d]) => `job ${id}'s deadline ${when(d)} has passed; call claimTimeout(${id}) for the refund.`,
  TokenCountAboveMax: ([id, i, o]) => `job ${id}: ${i} input / ${o} output tokens exceed the job's maxima.`,
  CommitRevealRequired: ([id]) => `job ${id} has several workers: use commitResult then revealResult.`,
  SingleStepRequired: ([id]) => `job ${id} has one worker: use submitResult.`,
  ZeroCommitment: () => "the commitment is zero; compute it with computeCommitment.",
  NotCommitted: ([id, w]) => `worker ${w} has no sealed result on job ${id} to reveal.`,
  RevealNotOpen: ([id, at]) =>
    at === undefined
      ? `reveals for job ${id} open once every worker committed or the deadline passed; wait.`
      : `the reveal for job ${id} opens after ${when(at)}; wait.`,
  RevealWindowClosed: ([id, at]) => `the reveal window of job ${id} closed at ${when(at)}.`,
  SealMismatch: ([id, who]) => `the revealed value and salt of ${who} do not open its seal on job ${id}.`,
  TimeoutNotReached: ([id, at]) => `job ${id} can be timed out from ${when(at)}; wait until then.`,
  ChallengeWindowOpen: ([id, at]) => `job ${id}'s challenge window ends at ${when(at)}; finalize after that.`,
  BatchTooLarge: ([n, max]) => `${n} jobs in one batch, at most ${max}; split the batch.`,
  NothingToWithdraw: ([a]) => `${a} has no credited balance in the market; nothing to withdraw.`,
  RandomnessNotReady: ([id, r]) =>
    `the audit draw for job ${id} waits for randomness request ${r} (a later block); retry in a few blocks.`,
  NotPoster: ([id, a]) => `${a} did not post job ${id}; only its poster can do this.`,
  ChallengeWindowClosed: ([id, at]) => `job ${id}'s challenge window closed at ${when(at)}.`,
  NoVerifier: () => "no verification court is configured, so the job cannot be challenged.",
  NotVerifier: ([a]) => `${a} is not the verification court.`,
  JobNotUnderReview: ([id, s]) => `job ${id} is ${jobStatusName(s)}, not under audit or dispute.`,
  // worker registry (reached through postJob)
  ZeroAmount: () => "the amount is zero; pass a positive amount.",
  AlreadyRegistered: ([w]) => `${w} is already registered; use updateProfile.`,
  NotRegistered: ([w]) => `${w} is not a registered worker; register first.`,
  WorkerUnavailable: ([w]) => `worker ${w} is not registered or paused; pick another worker (the router skips it).`,
  InsufficientStake: ([w, s, req]) =>
    `worker ${w} stakes ${grid(s)}, below the minimum ${grid(req)}; pick another worker or stake more.`,
  ModelNotServed: ([w, m]) => `worker ${w} does not serve model ${m}; pick a worker that does.`,
  ModelInactive: ([m]) => `model ${m} is deactivated; choose an active model.`,
  PriceAboveMax: ([w, m, p, max]) =>
    `worker ${w} charges ${p} wei per token for model ${m}, above your max ${max}; raise --max-price or pick a cheaper worker.`,
  JobDurationTooShort: ([w, d, min]) =>
    `worker ${w} needs at least ${min} s to the deadline, the job gives ${d} s; raise --deadline.`,
  WorkerAtCapacity: ([w, c]) =>
    `worker ${w} already runs ${c} jobs (its capacity); pick another worker or retry later.`,
  InvalidCapacity: ([c]) => `capacity ${c} is invalid; use 1 or more.`,
  InvalidEndpoint: () => "the endpoint URL is empty or too long; register an http(s) URL.",
  TooManyModels: ([w, max]) => `worker ${w} already serves the maximum of ${max} models; remove one first.`,
  UnbondExceedsStake: ([r, s]) => `cannot unbond ${grid(r)}, only ${grid(s)} is staked.`,
  NothingUnbonding: ([w]) => `${w} has nothing unbonding.`,
  UnbondingNotReady: ([at, nowTs]) => `unbonded stake is withdrawable from ${when(at)} (now ${when(nowTs)}); wait.`,
  HasActiveJobs: ([w, n]) => `worker ${w} still has ${n} active jobs; wait until they settle.`,
  InvalidBps: ([b]) => `${b} basis points is above 10000.`,
  ZeroAddress: () => "an address argument is the zero address.",
  // model registry
  ManifestAlreadyRegistered: ([h, id]) => `manifest ${h} is already registered as model ${id}; use that id.`,
  UnknownModel: ([m]) => `no model has id ${m}; list models with ModelRegistry.modelCount/metadata.`,
  NotModelCreator: ([m, c]) => `${c} is not the creator of model ${m}.`,
  EmptyField: ([f]) => `the ${f} must not be empty.`,
  FieldTooLong: ([f, n, max]) => `the ${f} is ${n} bytes, at most ${max}.`,
  ZeroManifestHash: () => "the manifest hash is zero; hash the model's manifest.",
  // protocol config
  ParamOutOfBounds: ([p, v, lo, hi]) => `parameter ${p} = ${v} is outside ${lo}..${hi}.`,
  InvalidFeeSplit: ([w, c, t]) => `fee split ${w}/${c}/${t} bps must sum to 10000 within bounds.`,
  // token (OpenZeppelin)
  ERC20InsufficientBalance: ([a, bal, need]) =>
    `${a} holds ${grid(bal)} but ${grid(need)} is needed; fund the account.`,
  ERC20InsufficientAllowance: ([s, al, need]) =>
    `${s} may spend ${grid(al)} but needs ${grid(need)}; approve more (or use a permit).`,
  ERC2612ExpiredSignature: ([d]) => `the permit expired at ${when(d)}; sign a new one.`,
  ERC2612InvalidSigner: ([signer, owner]) => `the permit was signed by ${signer}, not the owner ${owner}.`,
  // verification court
  CaseAlreadyOpen: ([id]) => `job ${id} already has an open case.`,
  WrongCaseStatus: ([id, s]) => `job ${id}'s case is in status ${s}; this step does not apply now.`,
  RandomnessPending: ([id, r]) => `job ${id} waits for randomness request ${r}; retry in a few blocks.`,
  NotDrawn: ([id, a]) => `${a} was not drawn as a validator for job ${id}.`,
  AlreadyVoted: ([id, v]) => `validator ${v} already voted on job ${id}.`,
  CommitWindowClosed: ([id, at]) => `the vote commit window of job ${id} closed at ${when(at)}.`,
  VotingNotOver: ([id, at]) => `voting on job ${id} ends at ${when(at)}; resolve after that.`,
  NotMarket: ([c]) => `${c} is not the market.`,
};

/** What to do about a decoded revert; generic for errors without a specific hint. */
export function explainRevert(errorName: string, args: readonly unknown[]): string {
  const hint = hints[errorName];
  if (hint) return hint(args);
  if (errorName === "Error") return `the contract said "${String(args[0])}".`;
  if (errorName === "Panic") return `the contract panicked (code ${String(args[0])}); this is a bug, please report it.`;
  return "see the contract's NatSpec for this error.";
}

/** The revert data of a failed call, found anywhere in viem's error chain. */
export function revertData(error: unknown): Hex | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 16; e = (e as { cause?: unknown }).cause, depth++) {
    const o = e as { raw?: unknown; data?: unknown };
    if (isHex(o.raw) && o.raw !== "0x") return o.raw;
    if (isHex(o.data) && o.data !== "0x") return o.data;
    const nested = (o.data as { data?: unknown } | undefined)?.data;
    if (isHex(nested) && nested !== "0x") return nested;
  }
  return undefined;
}

/**
 * Turns a failed contract call into a `ContractRevertError` when its revert data decodes
 * against any InferGrid ABI; returns undefined for other failures (transport, gas, nonce).
 */
export function decodeRevert(error: unknown, functionName?: string): ContractRevertError | undefined {
  const data = revertData(error);
  if (!data) return undefined;
  try {
    const decoded = decodeErrorResult({ abi: inferGridErrorsAbi, data });
    const fn =
      functionName ??
      (error instanceof BaseError ? (error as BaseError & { functionName?: string }).functionName : undefined);
    return new ContractRevertError({
      errorName: decoded.errorName,
      args: (decoded.args ?? []) as readonly unknown[],
      data,
      functionName: fn,
      cause: error,
    });
  } catch {
    return undefined;
  }
}

/** Runs a contract call and rethrows a revert as `ContractRevertError` when it decodes. */
export async function withRevertDecoding<T>(functionName: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw decodeRevert(e, functionName) ?? e;
  }
}
