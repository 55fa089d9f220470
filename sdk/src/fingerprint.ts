import { bytesToHex, parseAbiParameters, sha256, type Hex } from "viem";
import { InferGridError } from "./errors.ts";

/**
 * Result fingerprint: for every output position, the k highest logits of the distribution
 * the token was chosen from, as (token id, quantized logit) pairs in descending order.
 *
 * The worker publishes this data next to its result; its sha256 (`hashFingerprint`) goes
 * into the commitment. A verifier recomputes the logits with one teacher-forced forward pass
 * and compares position by position within a tolerance, so float noise across hardware never
 * causes a false rejection while the hash still binds the worker to exactly what it published.
 */

export const FINGERPRINT_TOP_K = 4;
/** Logits are stored as round(logit * scale): 1/1024 of a logit, far below any tolerance in use. */
export const FINGERPRINT_SCALE = 1024;
export const FINGERPRINT_VERSION = 1;

/**
 * Flat, position-major: entries [i*topK, (i+1)*topK) belong to output position i. Flat rather
 * than one object per position because the engine fills it once per generated token, and a
 * few small objects per token measurably raised garbage-collection work on small models.
 */
export type FingerprintData = {
  readonly version: typeof FINGERPRINT_VERSION;
  readonly topK: number;
  readonly scale: number;
  /** token ids, per position highest logit first (ties of the raw logit broken by the lower id) */
  readonly ids: readonly number[];
  /** round(logit * scale), same layout as ids */
  readonly q: readonly number[];
};

/** Number of output positions the data covers. */
export const fingerprintLength = (data: FingerprintData): number => data.ids.length / data.topK;

const INT32_MAX = 2 ** 31 - 1;

export class InvalidFingerprintError extends InferGridError {
  override name = "InvalidFingerprintError";
  readonly code = "INVALID_FINGERPRINT";
  readonly position: number | null;
  readonly reason: string;
  constructor(reason: string, position: number | null = null) {
    super(`invalid fingerprint${position === null ? "" : ` at position ${position}`}: ${reason}`);
    this.reason = reason;
    this.position = position;
  }
}

export function quantizeLogit(logit: number, scale: number = FINGERPRINT_SCALE): number {
  if (!Number.isFinite(logit)) throw new InvalidFingerprintError(`logit ${logit} is not finite`);
  const q = Math.round(logit * scale);
  // Clamp, so a pathological logit cannot make the ABI encoding throw mid-job.
  return Math.max(-INT32_MAX, Math.min(INT32_MAX, q));
}

export function dequantizeLogit(q: number, scale: number = FINGERPRINT_SCALE): number {
  return q / scale;
}

/** Checks structure only (lengths, ranges, order); numbers are checked by the verifier. */
export function assertFingerprintData(data: FingerprintData): void {
  if (data.version !== FINGERPRINT_VERSION)
    throw new InvalidFingerprintError(`unknown version ${String(data.version)}`);
  if (!Number.isInteger(data.topK) || data.topK < 1 || data.topK > 64)
    throw new InvalidFingerprintError(`topK ${data.topK} out of range`);
  if (!Number.isInteger(data.scale) || data.scale < 1 || data.scale > 2 ** 24)
    throw new InvalidFingerprintError(`scale ${data.scale} out of range`);
  const k = data.topK;
  if (data.ids.length !== data.q.length || data.ids.length % k !== 0) {
    throw new InvalidFingerprintError(
      `ids (${data.ids.length}) and q (${data.q.length}) must both hold topK (${k}) entries per position`,
    );
  }
  for (let at = 0; at < data.ids.length; at++) {
    const i = Math.floor(at / k);
    const j = at % k;
    const id = data.ids[at]!;
    const q = data.q[at]!;
    if (!Number.isInteger(id) || id < 0 || id > 0xffffffff)
      throw new InvalidFingerprintError(`token id ${id} is not a uint32`, i);
    if (!Number.isInteger(q) || Math.abs(q) > INT32_MAX)
      throw new InvalidFingerprintError(`quantized logit ${q} is not an int32`, i);
    // Quantization can make neighbours equal, so only non-increasing order is required.
    if (j > 0 && q > data.q[at - 1]!) throw new InvalidFingerprintError("entries are not in descending logit order", i);
    for (let b = at - j; b < at; b++)
      if (data.ids[b] === id) throw new InvalidFingerprintError(`token id ${id} listed twice`, i);
  }
}

/**
 * The ABI type the fingerprint hash commits to. The entries travel as one packed `bytes`
 * (per position, per rank: uint32 id then int32 quantized logit, big-endian, 8 bytes), not as
 * two uint32[]/int32[] arrays: ABI arrays pad every 4-byte value to 32 bytes, and hashing
 * 8x the bytes cost several percent of a whole generation on a small model. No contract
 * decodes the entries; validators do, off chain.
 */
export const fingerprintAbiParameters = parseAbiParameters("uint32 version, uint32 topK, uint32 scale, bytes entries");

/** The packed entries: for each position, for each rank, uint32 id ‖ int32 q, big-endian. */
export function packFingerprintEntries(data: FingerprintData): Uint8Array {
  const out = new Uint8Array(data.ids.length * 8);
  const view = new DataView(out.buffer);
  for (let e = 0; e < data.ids.length; e++) {
    view.setUint32(e * 8, data.ids[e]!);
    view.setInt32(e * 8 + 4, data.q[e]!);
  }
  return out;
}

/** Writes a 32-bit integer as one big-endian ABI word (sign-extended when negative). */
export function writeAbiWord32(out: Uint8Array, word: number, value: number): void {
  const at = word * 32;
  if (value < 0) out.fill(0xff, at, at + 28);
  const v = value >>> 0;
  out[at + 28] = v >>> 24;
  out[at + 29] = (v >>> 16) & 0xff;
  out[at + 30] = (v >>> 8) & 0xff;
  out[at + 31] = v & 0xff;
}

/**
 * abi.encode(uint32 version, uint32 topK, uint32 scale, bytes entries) as bytes, laid out by
 * hand: viem's encodeAbiParameters builds the encoding from hex strings and allocated ~170 KB
 * of short-lived strings per 128-token fingerprint, which doubled the garbage a generation
 * makes besides the KV cache. Tests pin it byte for byte to encodeAbiParameters.
 */
export function encodeFingerprintBytes(data: FingerprintData): Uint8Array {
  assertFingerprintData(data);
  const n = data.ids.length * 8;
  const out = new Uint8Array(32 * 5 + Math.ceil(n / 32) * 32);
  writeAbiWord32(out, 0, data.version);
  writeAbiWord32(out, 1, data.topK);
  writeAbiWord32(out, 2, data.scale);
  writeAbiWord32(out, 3, 4 * 32);
  writeAbiWord32(out, 4, n);
  const view = new DataView(out.buffer, 5 * 32);
  for (let e = 0; e < data.ids.length; e++) {
    view.setUint32(e * 8, data.ids[e]!);
    view.setInt32(e * 8 + 4, data.q[e]!);
  }
  return out;
}

export function encodeFingerprint(data: FingerprintData): Hex {
  return bytesToHex(encodeFingerprintBytes(data));
}

/**
 * sha256 over the ABI encoding of the fingerprint data: the bytes32 that goes into the commitment.
 * sha256, not keccak256: it is 10x faster in JavaScript (keccak over a 128-token fingerprint
 * cost ~1% of a whole generation on the test model) and still cheap on chain (EVM precompile
 * 0x02) should a dispute ever need to recompute it there.
 */
export function hashFingerprint(data: FingerprintData): Hex {
  return sha256(encodeFingerprintBytes(data));
}
