import { bytesToHex, hexToBytes, isHex, keccak256, parseAbiParameters, size, type Hex } from "viem";
import { InferGridError } from "./errors.ts";
import { writeAbiWord32 } from "./fingerprint.ts";

export {
  FINGERPRINT_SCALE,
  FINGERPRINT_TOP_K,
  FINGERPRINT_VERSION,
  InvalidFingerprintError,
  assertFingerprintData,
  dequantizeLogit,
  encodeFingerprint,
  encodeFingerprintBytes,
  fingerprintAbiParameters,
  fingerprintLength,
  packFingerprintEntries,
  hashFingerprint,
  quantizeLogit,
  type FingerprintData,
} from "./fingerprint.ts";

/**
 * The result commitment a worker submits for a job. Defined here once; the worker, the
 * validator, the contracts' tests and the gateway all call `computeCommitment`.
 *
 *   commitment = keccak256(abi.encode(bytes32 jobId, bytes32 modelHash, uint32[] outputTokenIds, bytes32 fingerprint))
 *
 * `modelHash` is the model's registered content hash (keccak256 of its canonical manifest);
 * `fingerprint` is `hashFingerprint(data)` of the published top-k logit data.
 */
export type CommitmentInput = {
  readonly jobId: Hex;
  readonly modelHash: Hex;
  readonly outputTokenIds: readonly number[];
  readonly fingerprint: Hex;
};

export const commitmentAbiParameters = parseAbiParameters(
  "bytes32 jobId, bytes32 modelHash, uint32[] outputTokenIds, bytes32 fingerprint",
);

export class InvalidCommitmentInputError extends InferGridError {
  override name = "InvalidCommitmentInputError";
  readonly code = "INVALID_COMMITMENT_INPUT";
  readonly field: keyof CommitmentInput;
  readonly value: unknown;
  constructor(field: keyof CommitmentInput, value: unknown, reason: string) {
    super(`invalid commitment input ${field}: ${reason}`);
    this.field = field;
    this.value = value;
  }
}

function assertBytes32(field: "jobId" | "modelHash" | "fingerprint", value: Hex): void {
  if (!isHex(value, { strict: true }) || size(value) !== 32) {
    throw new InvalidCommitmentInputError(field, value, "expected a 0x-prefixed 32-byte hex string");
  }
}

/**
 * abi.encode(jobId, modelHash, outputTokenIds, fingerprint) as bytes, laid out by hand for the
 * same reason as encodeFingerprintBytes (viem's encoder: ~200 KB of garbage strings per
 * 128-token result); a test pins it to viem's encodeAbiParameters(commitmentAbiParameters).
 */
export function encodeCommitmentBytes(input: CommitmentInput): Uint8Array {
  assertBytes32("jobId", input.jobId);
  assertBytes32("modelHash", input.modelHash);
  assertBytes32("fingerprint", input.fingerprint);
  const ids = input.outputTokenIds;
  const out = new Uint8Array(32 * (5 + ids.length));
  out.set(hexToBytes(input.jobId), 0);
  out.set(hexToBytes(input.modelHash), 32);
  writeAbiWord32(out, 2, 4 * 32);
  out.set(hexToBytes(input.fingerprint), 96);
  writeAbiWord32(out, 4, ids.length);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff) {
      throw new InvalidCommitmentInputError("outputTokenIds", id, `element ${i} is not a uint32`);
    }
    writeAbiWord32(out, 5 + i, id);
  }
  return out;
}

export function encodeCommitmentInput(input: CommitmentInput): Hex {
  return bytesToHex(encodeCommitmentBytes(input));
}

/** keccak256 (viem) over the ABI encoding. */
export function computeCommitment(input: CommitmentInput): Hex {
  return keccak256(encodeCommitmentBytes(input));
}
