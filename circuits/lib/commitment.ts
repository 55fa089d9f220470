/**
 * Zero-knowledge jobs (models with a Groth16 verifier in the ModelRegistry).
 *
 * For a zk model the job's `inputHash` IS the Poseidon commitment of the input:
 *   inputHash = bytes32(Poseidon(x_q[0], ..., x_q[n-1], salt))
 * where x_q are the quantized features (value x 10, integers 0..255) and `salt` a random field
 * element that keeps the small input space from being brute-forced. The poster sends the
 * features and the salt to the worker (encrypted input); the worker proves that the output is
 * the model's argmax on the committed input without ever revealing it on chain.
 */
// @ts-expect-error circomlibjs ships no types
import { buildPoseidon } from "circomlibjs";
import { randomBytes } from "node:crypto";
import { toHex, type Hex } from "viem";

/** BN254 scalar field order: every public signal is below it. */
export const SNARK_SCALAR_FIELD = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
/** Features are given with one decimal: x10 makes them exact integers. */
export const ZK_INPUT_SCALE = 10;
export const ZK_MAX_INPUT_Q = 255;

type Poseidon = { (inputs: bigint[]): Uint8Array; F: { toObject(v: Uint8Array): bigint } };
let poseidonPromise: Promise<Poseidon> | undefined;

/** Poseidon over BN254 as in circomlib's circuit (built once, then cached). */
export async function poseidon(inputs: bigint[]): Promise<bigint> {
  poseidonPromise ??= buildPoseidon() as Promise<Poseidon>;
  const p = await poseidonPromise;
  return p.F.toObject(p(inputs));
}

/** The model hash as a field element: the upper 248 bits of the registered manifest hash. */
export function modelHashField(manifestHash: Hex): bigint {
  return BigInt(manifestHash) >> 8n;
}

/** Quantizes features as the circuit expects them: round(x * 10), each in 0..255. */
export function encodeZkInput(features: number[]): bigint[] {
  return features.map((v) => {
    const q = Math.round(v * ZK_INPUT_SCALE);
    if (!Number.isFinite(q) || q < 0 || q > ZK_MAX_INPUT_Q) {
      throw new RangeError(`feature ${v} outside 0..${ZK_MAX_INPUT_Q / ZK_INPUT_SCALE}`);
    }
    return BigInt(q);
  });
}

/** A fresh random salt below the field order. */
export function randomSalt(): bigint {
  return BigInt(toHex(randomBytes(31)));
}

/** The input commitment, as the job's `inputHash`. */
export async function zkInputCommitment(xq: bigint[], salt: bigint): Promise<Hex> {
  return toHex(await poseidon([...xq, salt]), { size: 32 });
}

/** What the poster sends the worker (inside the encrypted input) so it can prove. */
export type ZkJobInput = { kind: "zk-features"; features: number[]; salt: string };

/** Builds a zk job's input: the private payload for the worker and the public inputHash. */
export async function zkJobInput(
  features: number[],
  salt: bigint = randomSalt(),
): Promise<{ payload: ZkJobInput; inputHash: Hex }> {
  const xq = encodeZkInput(features);
  return {
    payload: { kind: "zk-features", features, salt: salt.toString() },
    inputHash: await zkInputCommitment(xq, salt),
  };
}
