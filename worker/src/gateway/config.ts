import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, resolve } from "node:path";
import { maxUint256 } from "viem";
import { z } from "zod";
import { ConfigError, keySourceSchema } from "../daemon/config.ts";

/**
 * The gateway's config file (JSON), validated once here. The operator's account pays every
 * job the gateway posts, so its key comes from an environment variable or a V3 keystore,
 * exactly as for a worker (`key.privateKeyEnv` or `key.keystore` + `key.passwordEnv`).
 */

const UINT64_MAX = 2n ** 64n - 1n;
const wei = z
  .union([
    z.string().regex(/^\d+$/, "a decimal integer of GRID wei"),
    z.number().int().nonnegative(),
    z.bigint().nonnegative(),
  ])
  .transform((v) => BigInt(v));

export const gatewayConfigSchema = z.object({
  rpcUrl: z.url(),
  /** Ignition deployment folder id under ignition/deployments (default chain-<chainId>). */
  deploymentId: z.string().min(1).optional(),
  deploymentsDir: z.string().min(1).optional(),
  key: keySourceSchema,
  listen: z.object({ host: z.string().default("127.0.0.1"), port: z.number().int().min(0).max(65_535) }),
  /** Bearer tokens that may use the API; compared in constant time. */
  apiKeys: z.array(z.string().min(8, "an API key has at least 8 characters")).min(1, "give at least one API key"),
  /** Workers per job unless the request says otherwise. */
  redundancy: z.number().int().min(1).max(8).default(1),
  /** Highest price per input and per output token, GRID wei, unless the request says otherwise. */
  maxPricePerToken: wei.refine((v) => v <= UINT64_MAX, "at most 2^64-1"),
  /** Output tokens when a request gives neither max_tokens nor max_completion_tokens. */
  defaultMaxTokens: z
    .number()
    .int()
    .min(1)
    .max(2 ** 24 - 1)
    .default(256),
  /** Seconds from posting to the job's deadline (default: the SDK's, 600 s or the protocol's jobTimeout). */
  deadlineSeconds: z.number().int().positive().optional(),
  /**
   * What the gateway approves the market to pull when the allowance runs short: "unlimited"
   * (default; the token never decreases an unlimited allowance, so concurrent jobs never race
   * for it) or an amount in GRID wei (topped up to at least the next job's escrow).
   */
  approval: z
    .union([z.literal("unlimited"), wei])
    .default("unlimited")
    .transform((v) => (v === "unlimited" ? maxUint256 : v)),
  /** How long a request waits for a worker with free capacity before it answers 503, ms. */
  capacityWaitMs: z.number().int().min(0).max(600_000).default(60_000),
  /** How often the SDK polls the chain while a job runs, ms. */
  pollIntervalMs: z.number().int().min(20).max(60_000).default(250),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type GatewayConfigInput = z.input<typeof gatewayConfigSchema>;
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function parseGatewayConfig(raw: unknown, source = "gateway config"): GatewayConfig {
  const parsed = gatewayConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`invalid ${source}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads a JSON gateway config; relative paths inside it resolve against the file's folder. */
export async function readGatewayConfig(file: string): Promise<GatewayConfig> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`cannot read config ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const cfg = parseGatewayConfig(raw, `config ${file}`);
  const base = dirname(resolve(file));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  return {
    ...cfg,
    ...(cfg.deploymentsDir ? { deploymentsDir: abs(cfg.deploymentsDir) } : {}),
    key: cfg.key.keystore ? { ...cfg.key, keystore: abs(cfg.key.keystore) } : cfg.key,
  };
}
