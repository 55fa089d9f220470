import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { bytesToHex, hexToBytes, toBytes } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  DecryptionError,
  deriveEncryptionKeyPair,
  generateEncryptionKeyPair,
  open,
  openJson,
  seal,
  sealJson,
} from "../src/crypto.ts";
import { AUTH_MAX_SKEW_S, AuthError, authMessage, encodeAuthHeader, verifyAuthHeader } from "../src/protocol/index.ts";

// Hardhat's well-known test key #1.
const KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("sealed boxes", () => {
  it("round-trips and hides the plaintext; each seal is fresh", () => {
    const kp = generateEncryptionKeyPair();
    const msg = toBytes("the prompt");
    const a = seal(kp.publicKey, msg);
    const b = seal(kp.publicKey, msg);
    assert.notEqual(a, b);
    assert.ok(!a.includes(bytesToHex(msg).slice(2)));
    assert.deepEqual(open(kp.privateKey, a), msg);
    assert.deepEqual(openJson(kp.privateKey, sealJson(kp.publicKey, { x: [1, 2] })), { x: [1, 2] });
  });

  it("refuses the wrong key and tampered data with DecryptionError", () => {
    const kp = generateEncryptionKeyPair();
    const other = generateEncryptionKeyPair();
    const box = seal(kp.publicKey, toBytes("secret"));
    assert.throws(() => open(other.privateKey, box), DecryptionError);
    const bytes = hexToBytes(box);
    bytes[bytes.length - 1] ^= 1;
    assert.throws(() => open(kp.privateKey, bytesToHex(bytes)), DecryptionError);
    assert.throws(() => open(kp.privateKey, "0x1234"), /too short/);
  });

  it("derives the same key pair from the same secret", () => {
    assert.deepEqual(deriveEncryptionKeyPair(KEY), deriveEncryptionKeyPair(KEY));
    assert.notDeepEqual(deriveEncryptionKeyPair(KEY).publicKey, generateEncryptionKeyPair().publicKey);
  });
});

describe("signed requests", () => {
  const account = privateKeyToAccount(KEY);
  const base = { purpose: "output" as const, chainId: 31337, jobId: 7n };

  it("accepts a fresh signature and returns the signer", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const sig = await account.signMessage({ message: authMessage({ ...base, timestamp }) });
    assert.equal(await verifyAuthHeader(encodeAuthHeader(account.address, timestamp, sig), base), account.address);
  });

  it("rejects a missing, stale, or replayed-for-another-job signature", async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const sig = await account.signMessage({ message: authMessage({ ...base, timestamp }) });
    await assert.rejects(verifyAuthHeader(undefined, base), AuthError);
    await assert.rejects(
      verifyAuthHeader(encodeAuthHeader(account.address, timestamp, sig), { ...base, jobId: 8n }),
      /does not match/,
    );
    await assert.rejects(
      verifyAuthHeader(encodeAuthHeader(account.address, timestamp, sig), {
        ...base,
        now: timestamp + AUTH_MAX_SKEW_S + 1,
      }),
      /from the worker's clock/,
    );
  });
});
