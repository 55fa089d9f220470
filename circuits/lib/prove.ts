/**
 * Proving and checking the Iris circuit with snarkjs (Groth16, BN254).
 * Public signals, in order: jobId, modelHash (upper 248 bits of the manifest hash),
 * inputCommitment (the job's inputHash), predictedClass.
 */
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
// @ts-expect-error snarkjs ships no types
import * as snarkjs from "snarkjs";
import type { Hex } from "viem";
import { modelHashField } from "./commitment.ts";

export const IRIS_DIR = join(fileURLToPath(new URL(".", import.meta.url)), "..", "iris-mlp");
export const IRIS_WASM = join(IRIS_DIR, "iris_mlp.wasm");
export const IRIS_ZKEY = join(IRIS_DIR, "iris_mlp_final.zkey");

export type Groth16Proof = { pi_a: string[]; pi_b: string[][]; pi_c: string[] };

export type ProveArgs = {
  jobId: bigint;
  manifestHash: Hex;
  xq: bigint[];
  salt: bigint;
  inputCommitment: Hex | bigint;
  predictedClass: number;
};

/** Proves; throws if the witness does not satisfy the circuit (wrong output or commitment). */
export async function proveIris(
  a: ProveArgs,
): Promise<{ proof: Groth16Proof; publicSignals: string[]; calldata: bigint[] }> {
  const input = {
    jobId: a.jobId.toString(),
    modelHash: modelHashField(a.manifestHash).toString(),
    inputCommitment: BigInt(a.inputCommitment).toString(),
    predictedClass: String(a.predictedClass),
    x: a.xq.map(String),
    salt: a.salt.toString(),
  };
  const { proof, publicSignals } = (await snarkjs.groth16.fullProve(input, IRIS_WASM, IRIS_ZKEY)) as {
    proof: Groth16Proof;
    publicSignals: string[];
  };
  return { proof, publicSignals, calldata: proofCalldata(proof) };
}

/** The proof as the contracts take it: uint256[8] = [A.x, A.y, B.x1, B.x0, B.y1, B.y0, C.x, C.y]
 * (G2 coordinates in the EVM precompile's order, as snarkjs' exportSolidityCallData). */
export function proofCalldata(p: Groth16Proof): bigint[] {
  return [
    p.pi_a[0]!,
    p.pi_a[1]!,
    p.pi_b[0]![1]!,
    p.pi_b[0]![0]!,
    p.pi_b[1]![1]!,
    p.pi_b[1]![0]!,
    p.pi_c[0]!,
    p.pi_c[1]!,
  ].map(BigInt);
}

export async function verifyIris(proof: Groth16Proof, publicSignals: string[]): Promise<boolean> {
  const vkey = JSON.parse(readFileSync(join(IRIS_DIR, "verification_key.json"), "utf8"));
  return snarkjs.groth16.verify(vkey, publicSignals, proof) as Promise<boolean>;
}

/** Stops snarkjs' cached BN254 worker threads so the process can exit (call once, at the end). */
export async function releaseProver(): Promise<void> {
  const g = globalThis as { curve_bn128?: { terminate(): Promise<void> } };
  if (g.curve_bn128) {
    await g.curve_bn128.terminate();
    delete g.curve_bn128;
  }
}
