/**
 * Zero-knowledge models on the worker: a second kind of model folder (config.json has a `zk`
 * section, like models/iris-mlp). The worker computes the quantized model's output on the
 * poster's private input, proves it with snarkjs (Groth16) and submits it with
 * JobMarket.submitResultWithProof; the job then finalizes on chain at once.
 *
 * The job's private input (sealed to the worker like any input) is a ZkJobInput
 * { kind: "zk-features", features, salt }; the job's on-chain inputHash is its Poseidon
 * commitment (sdk/src/zk.ts), which the worker checks before proving.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Hex } from "viem";
import { z } from "zod";
import { quantForward, quantize, readOnnxMlp, type QuantMlp } from "@infergrid/circuits/mlp";
import { proveIris, type Groth16Proof } from "@infergrid/circuits/prove";
import { encodeZkInput, zkInputCommitment, type ZkJobInput } from "@infergrid/circuits/commitment";
import { manifestHash } from "@infergrid/sdk";
import { buildManifest, MANIFEST_FILE, manifestSchema, type Manifest } from "@infergrid/engine/manifest";

export type ZkModel = {
  kind: "zk";
  dir: string;
  manifest: Manifest;
  modelHash: Hex;
  labels: string[];
  quantized: QuantMlp;
};

const zkConfigSchema = z
  .object({
    model_type: z.literal("mlp-classifier"),
    labels: z.array(z.string()).min(2),
    zk: z.object({ proofSystem: z.literal("groth16-bn254"), circuit: z.string() }).passthrough(),
  })
  .passthrough();

const zkJobInputSchema = z
  .object({
    kind: z.literal("zk-features"),
    features: z.array(z.number()).length(4),
    salt: z.string().regex(/^[0-9]+$/),
  })
  .strict();

/** Whether a model folder is a zk model (its config.json has a `zk` section). */
export async function isZkModelDir(dir: string): Promise<boolean> {
  try {
    const config = JSON.parse(await readFile(join(dir, "config.json"), "utf8")) as Record<string, unknown>;
    return typeof config.zk === "object" && config.zk !== null;
  } catch {
    return false;
  }
}

/** Loads a zk model folder, checking every file against its manifest. */
export async function loadZkModel(dir: string): Promise<ZkModel> {
  const manifest = manifestSchema.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), "utf8")));
  const actual = await buildManifest(dir, manifest.name);
  const modelHash = manifestHash(manifest);
  if (manifestHash(actual) !== modelHash) throw new Error(`files in ${dir} do not match its manifest`);
  const config = zkConfigSchema.parse(JSON.parse(await readFile(join(dir, "config.json"), "utf8")));
  const quantized = quantize(readOnnxMlp(join(dir, "onnx", "model.onnx")));
  return { kind: "zk", dir, manifest, modelHash, labels: config.labels, quantized };
}

/** Parses the decrypted input of a zk job. */
export function parseZkJobInput(bytes: Uint8Array): ZkJobInput {
  return zkJobInputSchema.parse(JSON.parse(new TextDecoder().decode(bytes))) as ZkJobInput;
}

export type ZkResult = {
  output: number;
  label: string;
  /** The proof as JobMarket.submitResultWithProof takes it. */
  proof: readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
  /** snarkjs' proof and public signals [jobId, modelHash, inputCommitment, output]. */
  snark: { proof: Groth16Proof; publicSignals: string[] };
  inputTokens: number;
  outputTokens: number;
  proveMs: number;
};

/**
 * Checks the input against the job's commitment, runs the quantized model and proves the result
 * for this job. Throws when the input does not open the commitment.
 */
export async function runZkJob(model: ZkModel, jobId: bigint, inputHash: Hex, input: ZkJobInput): Promise<ZkResult> {
  const xq = encodeZkInput(input.features);
  const salt = BigInt(input.salt);
  const commitment = await zkInputCommitment(xq, salt);
  if (commitment.toLowerCase() !== inputHash.toLowerCase()) {
    throw new Error(`input does not open the job's commitment ${inputHash} (got ${commitment})`);
  }
  const { output } = quantForward(model.quantized, xq);
  const started = performance.now();
  const { calldata, proof, publicSignals } = await proveIris({
    jobId,
    manifestHash: model.modelHash,
    xq,
    salt,
    inputCommitment: commitment,
    predictedClass: output,
  });
  return {
    output,
    label: model.labels[output]!,
    proof: calldata as unknown as ZkResult["proof"],
    snark: { proof, publicSignals },
    inputTokens: xq.length,
    outputTokens: 1,
    proveMs: performance.now() - started,
  };
}
