import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { concat, encodeAbiParameters, keccak256, numberToHex, pad, sha256, type Hex } from "viem";
import {
  commitmentAbiParameters,
  computeCommitment,
  encodeCommitmentInput,
  encodeFingerprint,
  fingerprintAbiParameters,
  fingerprintLength,
  FINGERPRINT_SCALE,
  FINGERPRINT_TOP_K,
  hashFingerprint,
  InvalidCommitmentInputError,
  InvalidFingerprintError,
  quantizeLogit,
  type FingerprintData,
} from "../src/commitment.ts";

const word = (n: number | bigint): Hex => pad(numberToHex(n), { size: 32 });
const jobId: Hex = `0x${"ab".repeat(32)}`;
const modelHash: Hex = `0x${"cd".repeat(32)}`;
const fingerprint: Hex = `0x${"ef".repeat(32)}`;

const sample: FingerprintData = {
  version: 1,
  topK: 4,
  scale: FINGERPRINT_SCALE,
  ids: [5, 9, 1, 2, 7, 3, 4, 0],
  q: [9000, 8000, -10, -10, 100, 50, 25, 0],
};

describe("commitment", () => {
  it("is keccak256 of abi.encode(bytes32, bytes32, uint32[], bytes32), laid out by hand", () => {
    const ids = [1, 2, 0xffffffff];
    // head: jobId | modelHash | offset of the dynamic array (4 words = 0x80) | fingerprint; tail: length, elements
    const manual = concat([jobId, modelHash, word(0x80), fingerprint, word(ids.length), ...ids.map(word)]);
    assert.equal(encodeCommitmentInput({ jobId, modelHash, outputTokenIds: ids, fingerprint }), manual);
    assert.equal(computeCommitment({ jobId, modelHash, outputTokenIds: ids, fingerprint }), keccak256(manual));
  });

  it("matches viem encodeAbiParameters for the declared ABI types", () => {
    const ids = Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 0);
    assert.equal(
      encodeCommitmentInput({ jobId, modelHash, outputTokenIds: ids, fingerprint }),
      encodeAbiParameters(commitmentAbiParameters, [jobId, modelHash, ids, fingerprint]),
    );
    assert.equal(
      encodeCommitmentInput({ jobId, modelHash, outputTokenIds: [], fingerprint }),
      encodeAbiParameters(commitmentAbiParameters, [jobId, modelHash, [], fingerprint]),
    );
  });

  it("changes with every field", () => {
    const base = computeCommitment({ jobId, modelHash, outputTokenIds: [1, 2, 3], fingerprint });
    const other: Hex = `0x${"11".repeat(32)}`;
    assert.notEqual(computeCommitment({ jobId: other, modelHash, outputTokenIds: [1, 2, 3], fingerprint }), base);
    assert.notEqual(computeCommitment({ jobId, modelHash: other, outputTokenIds: [1, 2, 3], fingerprint }), base);
    assert.notEqual(computeCommitment({ jobId, modelHash, outputTokenIds: [1, 2], fingerprint }), base);
    assert.notEqual(computeCommitment({ jobId, modelHash, outputTokenIds: [1, 2, 4], fingerprint }), base);
    assert.notEqual(computeCommitment({ jobId, modelHash, outputTokenIds: [1, 2, 3], fingerprint: other }), base);
  });

  it("refuses malformed input with the field and value", () => {
    assert.throws(
      () => computeCommitment({ jobId: "0x1234", modelHash, outputTokenIds: [], fingerprint }),
      (e: unknown) => e instanceof InvalidCommitmentInputError && e.field === "jobId" && e.value === "0x1234",
    );
    assert.throws(
      () => computeCommitment({ jobId, modelHash, outputTokenIds: [1, -1], fingerprint }),
      (e: unknown) => e instanceof InvalidCommitmentInputError && e.field === "outputTokenIds" && e.value === -1,
    );
    assert.throws(
      () => computeCommitment({ jobId, modelHash, outputTokenIds: [2 ** 32], fingerprint }),
      InvalidCommitmentInputError,
    );
    assert.throws(
      () => computeCommitment({ jobId, modelHash: `0x${"zz".repeat(32)}` as Hex, outputTokenIds: [], fingerprint }),
      InvalidCommitmentInputError,
    );
  });
});

describe("fingerprint", () => {
  it("uses k = 4 and quantizes to 1/1024 of a logit", () => {
    assert.equal(FINGERPRINT_TOP_K, 4);
    assert.equal(quantizeLogit(1.5), 1536);
    assert.equal(quantizeLogit(-0.0004), -0);
    assert.equal(quantizeLogit(1e12), 2 ** 31 - 1);
    assert.throws(() => quantizeLogit(Number.NaN), InvalidFingerprintError);
  });

  it("hashes deterministically and binds every id, value and position", () => {
    const h = hashFingerprint(sample);
    assert.equal(hashFingerprint(structuredClone(sample)), h);
    const bumped: FingerprintData = { ...sample, q: [...sample.q.slice(0, 7), 1] };
    assert.notEqual(hashFingerprint(bumped), h);
    const swapped: FingerprintData = {
      ...sample,
      ids: [...sample.ids.slice(4), ...sample.ids.slice(0, 4)],
      q: [...sample.q.slice(4), ...sample.q.slice(0, 4)],
    };
    assert.notEqual(hashFingerprint(swapped), h);
    assert.notEqual(hashFingerprint({ ...sample, ids: sample.ids.slice(0, 4), q: sample.q.slice(0, 4) }), h);
    assert.equal(fingerprintLength(sample), 2);
  });

  it("encodes exactly as viem encodeAbiParameters(uint32, uint32, uint32, bytes) with packed (uint32 id, int32 q) entries", () => {
    // entries by hand: 8 bytes per (id, q), big-endian, two's complement for q
    const be = (n: number) => pad(numberToHex(n >>> 0), { size: 4 });
    const entries = concat(sample.ids.flatMap((id, e) => [be(id), be(sample.q[e]!)]));
    assert.equal(
      encodeFingerprint(sample),
      encodeAbiParameters(fingerprintAbiParameters, [1, 4, FINGERPRINT_SCALE, entries]),
    );
    assert.equal(
      hashFingerprint(sample),
      sha256(encodeAbiParameters(fingerprintAbiParameters, [1, 4, FINGERPRINT_SCALE, entries])),
    );
    const extreme: FingerprintData = { ...sample, ids: [0xffffffff, 0, 1, 2], q: [2 ** 31 - 1, 0, -1, -(2 ** 31 - 1)] };
    const extremeEntries = concat([0xffffffff, 2 ** 31 - 1, 0, 0, 1, -1, 2, -(2 ** 31 - 1)].map(be));
    assert.equal(
      encodeFingerprint(extreme),
      encodeAbiParameters(fingerprintAbiParameters, [1, 4, FINGERPRINT_SCALE, extremeEntries]),
    );
    // 5 positions: 160 bytes of entries, padded to a whole number of words
    const five: FingerprintData = {
      ...sample,
      ids: [...sample.ids, ...sample.ids, ...sample.ids.slice(0, 4)],
      q: [...sample.q, ...sample.q, ...sample.q.slice(0, 4)],
    };
    const fiveEntries = concat(five.ids.flatMap((id, e) => [be(id), be(five.q[e]!)]));
    assert.equal(
      encodeFingerprint(five),
      encodeAbiParameters(fingerprintAbiParameters, [1, 4, FINGERPRINT_SCALE, fiveEntries]),
    );
    const k3: FingerprintData = { version: 1, topK: 3, scale: FINGERPRINT_SCALE, ids: [1, 2, 3], q: [3, 2, 1] };
    assert.equal(
      encodeFingerprint(k3),
      encodeAbiParameters(fingerprintAbiParameters, [1, 3, FINGERPRINT_SCALE, concat([1, 3, 2, 2, 3, 1].map(be))]),
    );
  });

  it("refuses malformed data", () => {
    const bad = (ids: number[], q: number[]) => () => hashFingerprint({ ...sample, ids, q });
    assert.throws(bad([1, 2, 3], [3, 2, 1]), InvalidFingerprintError);
    assert.throws(bad([1, 2, 3, 4], [4, 3, 2]), InvalidFingerprintError);
    assert.throws(
      bad([9, 8, 7, 6, 1, 2, 3, 4], [9, 8, 7, 6, 1, 2, 3, 4]),
      (e: unknown) => e instanceof InvalidFingerprintError && e.position === 1,
    );
    assert.throws(bad([1, 1, 3, 4], [4, 3, 2, 1]), InvalidFingerprintError);
    assert.throws(bad([1, 2, 3, -4], [4, 3, 2, 1]), InvalidFingerprintError);
    assert.throws(() => hashFingerprint({ ...sample, topK: 0 }), InvalidFingerprintError);
  });
});
