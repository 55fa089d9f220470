import { parseEventLogs, zeroAddress, type Hex, type PublicClient, type WalletClient } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import {
  createInferGridClient,
  ensureAllowance,
  enumName,
  findModel,
  getContractConfigs,
  jobEscrow,
  jobMarketAbi,
  JobStatus,
  postJob,
  routeJob,
  sealJson,
  type Deployment,
} from "@infergrid/sdk";
import { zkJobInput } from "@infergrid/circuits/commitment";

type Session = {
  publicClient: PublicClient;
  wallet: WalletClient;
  account: PrivateKeyAccount;
  deployment: Deployment;
  json: boolean;
};

const DEADLINE_S = 600;

/**
 * `infergrid job run --model iris-mlp --input 5.1,3.5,1.4,0.2`: a job on a zk model. The
 * features stay private: the job's inputHash is their Poseidon commitment (with a random salt),
 * the features and salt go to the picked worker sealed to its key, and the worker's Groth16
 * proof finalizes the job on chain. Prints the proven class.
 */
export async function runZkJobCommand(s: Session, opts: Record<string, unknown>) {
  const features = String(opts.input)
    .split(",")
    .map((v) => Number(v.trim()));
  if (features.length !== 4 || features.some((v) => !Number.isFinite(v))) {
    throw new Error(`--input takes 4 comma-separated numbers (cm, one decimal), got "${String(opts.input)}"`);
  }
  let maxPrice: bigint;
  try {
    maxPrice = BigInt(String(opts.maxPrice));
  } catch {
    throw new Error(`--max-price must be an integer amount of GRID wei per token, got "${String(opts.maxPrice)}"`);
  }
  const { publicClient, deployment: d } = s;
  const client = createInferGridClient({ account: s.account, publicClient, deployment: d });
  const { JobMarket, ModelRegistry } = getContractConfigs(d);
  const status = (line: string) => {
    if (!s.json) process.stderr.write(`${line}\n`);
  };
  const model = await findModel(client, { model: String(opts.model) });
  const verifier = await publicClient.readContract({
    ...ModelRegistry,
    functionName: "zkVerifierOf",
    args: [model.id],
  });
  if (verifier === zeroAddress)
    throw new Error(`model ${model.name} (${model.id}) has no zk verifier: --input is for zk models`);
  const { picked } = await routeJob(client, {
    modelId: model.id,
    redundancy: 1,
    maxPricePerInputToken: maxPrice,
    maxPricePerOutputToken: maxPrice,
    minDuration: DEADLINE_S,
  });
  const worker = picked[0]!;
  const { payload, inputHash } = await zkJobInput(features);
  const request = {
    modelId: model.id,
    workers: [worker.address],
    inputHash,
    encryptedInputs: [sealJson(worker.encryptionKey, payload)],
    inputURI: "",
    maxInputTokens: 4,
    maxOutputTokens: 1,
    maxPricePerInputToken: maxPrice,
    maxPricePerOutputToken: maxPrice,
    deadline: 0,
  };
  await ensureAllowance(client, { amount: jobEscrow({ ...request, redundancy: 1 }) });
  const block = await publicClient.getBlock();
  status(`posting a zk job for model ${model.name} to ${worker.address} (input commitment ${inputHash}) ...`);
  const posted = await postJob(client, { request: { ...request, deadline: Number(block.timestamp) + DEADLINE_S } });
  const jobId = posted.jobId;
  const deadline = Date.now() + DEADLINE_S * 1000;
  for (;;) {
    const job = await publicClient.readContract({ ...JobMarket, functionName: "job", args: [jobId] });
    if (job.status === JobStatus.Finalized) break;
    if (job.status !== JobStatus.Open || Date.now() > deadline)
      throw new Error(`job ${jobId} ended in status ${enumName(JobStatus, job.status) ?? job.status} without a proof`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const logs = await publicClient.getLogs({ address: d.JobMarket, fromBlock: posted.blockNumber });
  const proven = parseEventLogs({ abi: jobMarketAbi, eventName: "ResultProven", logs }).find(
    (l) => l.args.jobId === jobId,
  )!;
  const submitted = parseEventLogs({ abi: jobMarketAbi, eventName: "ResultSubmitted", logs }).find(
    (l) => l.args.jobId === jobId,
  );
  const result = {
    jobId,
    model: model.name,
    inputHash: inputHash as Hex,
    worker: proven.args.worker,
    output: proven.args.output,
    label: submitted?.args.outputRef ?? "",
    tx: proven.transactionHash,
  };
  if (s.json) {
    console.log(JSON.stringify(result, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    return;
  }
  console.log(`class ${result.output}${result.label ? ` (${result.label})` : ""}`);
  status(
    `job ${jobId}: proven by ${result.worker} and finalized on chain in tx ${result.tx}; the input was never revealed`,
  );
}
