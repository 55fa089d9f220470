import { formatEther, type Account, type Hex, type PublicClient, type WalletClient } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { createInferGridClient, type Deployment } from "@infergrid/sdk";

type Session = {
  publicClient: PublicClient;
  wallet: WalletClient;
  account: PrivateKeyAccount;
  deployment: Deployment;
  chainId: number;
  key: Hex;
  rpc: string;
  json: boolean;
};

const num = (v: unknown, name: string, opts: { int?: boolean; min?: number } = {}): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || (opts.int && !Number.isInteger(n)) || (opts.min !== undefined && n < opts.min)) {
    throw new Error(
      `--${name} must be ${opts.int ? "an integer" : "a number"}${opts.min !== undefined ? ` >= ${opts.min}` : ""}, got "${String(v)}"`,
    );
  }
  return n;
};

/** `infergrid job run`: tokens to stdout as they arrive (stderr keeps the status lines). */
export async function runJobCommand(s: Session, prompt: string, opts: Record<string, unknown>) {
  const maxTokens = num(opts.maxTokens, "max-tokens", { int: true, min: 1 })!;
  const redundancy = num(opts.redundancy, "redundancy", { int: true, min: 1 })!;
  let maxPrice: bigint;
  try {
    maxPrice = BigInt(String(opts.maxPrice));
  } catch {
    throw new Error(`--max-price must be an integer amount of GRID wei per token, got "${String(opts.maxPrice)}"`);
  }
  const client = createInferGridClient({
    rpcUrl: s.rpc,
    account: s.account as Account as PrivateKeyAccount,
    deployment: s.deployment,
  });
  const status = (line: string) => {
    if (!s.json) process.stderr.write(`${line}\n`);
  };
  status(`posting a job for model ${String(opts.model)} ...`);
  const result = await client.runJob({
    model: String(opts.model),
    ...(opts.chat ? { messages: [{ role: "user" as const, content: prompt }] } : { prompt }),
    maxTokens,
    maxPricePerToken: maxPrice,
    redundancy,
    sampling: {
      temperature: num(opts.temperature, "temperature", { min: 0 }),
      topP: num(opts.topP, "top-p"),
      topK: num(opts.topK, "top-k", { int: true, min: 0 }),
      stop: opts.stop as string[] | undefined,
    },
    waitFor: opts.wait === "finalized" ? "finalized" : "result",
    onToken: s.json ? undefined : (text: string) => process.stdout.write(text),
  });
  if (s.json) {
    console.log(JSON.stringify(result, (_, v) => (typeof v === "bigint" ? v.toString() : v)));
    return;
  }
  process.stdout.write("\n");
  status(
    `job ${result.jobId}: ${result.inputTokens} input + ${result.outputTokens} output tokens, cost ${formatEther(result.cost)} GRID`,
  );
  status(`workers: ${result.workers.map((w) => `${w.address} (${w.status})`).join(", ")}`);
  status(
    `verification: ${result.verified ? "output matches the on-chain commitment" : "NOT verified"}; status ${result.status}`,
  );
}
