import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { Wallet } from "@ethereumjs/wallet";
import { bytesToHex, type Hex } from "viem";
import { z } from "zod";

/** Reads a worker or validator config file (JSON) and the environment, validated once here. */

const hexKey = z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a 0x-prefixed 32-byte private key") as z.ZodType<Hex>;
const weiString = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));

export const keySourceSchema = z
  .object({
    /** Name of the environment variable that holds the private key. */
    privateKeyEnv: z.string().min(1).optional(),
    /** An Ethereum V3 keystore file; its password comes from `passwordEnv`. */
    keystore: z.string().min(1).optional(),
    passwordEnv: z.string().min(1).default("INFERGRID_KEYSTORE_PASSWORD"),
  })
  .refine((k) => (k.privateKeyEnv === undefined) !== (k.keystore === undefined), {
    message: "set exactly one of key.privateKeyEnv and key.keystore",
  });

const modelEntry = z.object({
  /** Folder in the Hugging Face ONNX layout with manifest.json (see worker/README.md). */
  dir: z.string().min(1),
  pricePerInputToken: weiString,
  pricePerOutputToken: weiString,
});

const common = {
  rpcUrl: z.url(),
  /** Ignition deployment folder id under ignition/deployments (chain-31337 for `make up`). */
  deploymentId: z.string().min(1).optional(),
  deploymentsDir: z.string().min(1).optional(),
  key: keySourceSchema,
  /** Where the daemon keeps what it needs to resume after a crash. */
  stateFile: z.string().min(1),
  /** Blocks a log must be buried under before the daemon acts on it. */
  confirmations: z.number().int().min(0).max(64).default(1),
  pollIntervalMs: z.number().int().min(5).max(60_000).default(500),
  /** First block to scan when there is no state yet (the deployment block is a good choice). */
  startBlock: weiString.default(0n),
  listen: z.object({ host: z.string().default("127.0.0.1"), port: z.number().int().min(0).max(65_535) }),
  threads: z.number().int().min(1).max(64).default(1),
  provider: z.enum(["cpu", "cuda"]).default("cpu"),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};

export const workerConfigSchema = z.object({
  ...common,
  /** The public URL clients reach this worker at (registered on chain). */
  endpoint: z.url(),
  models: z.array(modelEntry).min(1),
  /** GRID wei the worker keeps staked; staked on first start when missing. */
  stake: weiString,
  capacity: z.number().int().min(1).max(1_000).default(4),
  minJobDuration: z.number().int().min(0).default(60),
  region: z.number().int().min(0).max(999).default(0),
  /** Test-only knobs; never set them on a real worker. */
  testing: z
    .object({
      /** Changes the last output token after generation, so the result is wrong (a cheater). */
      perturbOutput: z.boolean().default(false),
      /** Sleeps this long per generated token, so tests can kill a worker mid-job. */
      tokenDelayMs: z.number().int().min(0).max(10_000).default(0),
      /** Skips the engine: a fixed short output per job (throughput benchmarks only). */
      nullEngine: z.boolean().default(false),
    })
    .default({ perturbOutput: false, tokenDelayMs: 0, nullEngine: false }),
});
export type WorkerConfig = z.output<typeof workerConfigSchema>;

export const validatorConfigSchema = z.object({
  ...common,
  models: z.array(z.object({ dir: z.string().min(1) })).min(1),
  stake: weiString,
});
export type ValidatorConfig = z.output<typeof validatorConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads a JSON config; relative paths inside it resolve against the file's folder. */
export async function readConfig<S extends typeof workerConfigSchema | typeof validatorConfigSchema>(
  file: string,
  schema: S,
): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`invalid config ${file}:\n${z.prettifyError(parsed.error)}`);
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const cfg = parsed.data as z.output<S> & { stateFile: string; models: { dir: string }[]; deploymentsDir?: string };
  cfg.stateFile = abs(cfg.stateFile);
  for (const m of cfg.models) m.dir = abs(m.dir);
  if (cfg.deploymentsDir) cfg.deploymentsDir = abs(cfg.deploymentsDir);
  return cfg;
}

/** The daemon's private key, from the environment or a V3 keystore. */
export async function loadPrivateKey(source: z.output<typeof keySourceSchema>, env = process.env): Promise<Hex> {
  if (source.privateKeyEnv) {
    const value = env[source.privateKeyEnv];
    if (!value) throw new ConfigError(`environment variable ${source.privateKeyEnv} (key.privateKeyEnv) is not set`);
    const key = hexKey.safeParse(value);
    if (!key.success) throw new ConfigError(`${source.privateKeyEnv} is not a 0x-prefixed 32-byte private key`);
    return key.data;
  }
  const password = env[source.passwordEnv];
  if (password === undefined)
    throw new ConfigError(`environment variable ${source.passwordEnv} (keystore password) is not set`);
  try {
    const wallet = await Wallet.fromV3(await readFile(source.keystore!, "utf8"), password);
    return bytesToHex(wallet.getPrivateKey());
  } catch (e) {
    throw new ConfigError(`cannot decrypt keystore ${source.keystore}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
