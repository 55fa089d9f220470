import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { randomBytes } from "@noble/ciphers/utils.js";
import { x25519 } from "@noble/curves/ed25519.js";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, keccak256, size, toBytes, type Hex } from "viem";
import { InferGridError } from "./errors.ts";

/**
 * Sealed boxes for job inputs and outputs: an ephemeral X25519 key agreement with the
 * recipient's public key, HKDF-SHA256 to a key, XChaCha20-Poly1305 to encrypt. Layout:
 * ephemeral public key (32) || nonce (24) || ciphertext with tag.
 */
const INFO = toBytes("infergrid/sealed-box/v1");
const KEY_LEN = 32;
const NONCE_LEN = 24;

export type EncryptionKeyPair = { privateKey: Hex; publicKey: Hex };

export class DecryptionError extends InferGridError {
  override name = "DecryptionError";
  readonly code = "DECRYPTION_FAILED";
  constructor(reason: string) {
    super(`cannot open sealed box: ${reason}`);
  }
}

export class InvalidKeyError extends InferGridError {
  override name = "InvalidKeyError";
  readonly code = "INVALID_KEY";
  readonly key: string;
  constructor(key: string, reason: string) {
    super(`invalid X25519 key ${key}: ${reason}`);
    this.key = key;
  }
}

function key32(key: Hex, label: string): Uint8Array {
  if (size(key) !== 32) throw new InvalidKeyError(key, `${label} must be 32 bytes`);
  return hexToBytes(key);
}

/** A fresh random key pair. */
export function generateEncryptionKeyPair(): EncryptionKeyPair {
  const sk = x25519.utils.randomSecretKey();
  return { privateKey: bytesToHex(sk), publicKey: bytesToHex(x25519.getPublicKey(sk)) };
}

/**
 * A key pair derived from secret material (a wallet private key or signature), so an account
 * can always recover its encryption key without storing a second secret.
 */
export function deriveEncryptionKeyPair(secret: Hex): EncryptionKeyPair {
  const sk = hexToBytes(keccak256(new Uint8Array([...toBytes("infergrid/x25519/v1"), ...hexToBytes(secret)])));
  return { privateKey: bytesToHex(sk), publicKey: bytesToHex(x25519.getPublicKey(sk)) };
}

function boxKey(shared: Uint8Array, ephemeralPublic: Uint8Array, recipientPublic: Uint8Array): Uint8Array {
  return hkdf(sha256, shared, new Uint8Array([...ephemeralPublic, ...recipientPublic]), INFO, KEY_LEN);
}

/** Encrypts `plaintext` so that only the holder of `recipientPublicKey`'s private key can read it. */
export function seal(recipientPublicKey: Hex, plaintext: Uint8Array): Hex {
  const recipient = key32(recipientPublicKey, "recipient public key");
  const eph = x25519.utils.randomSecretKey();
  const ephPub = x25519.getPublicKey(eph);
  const key = boxKey(x25519.getSharedSecret(eph, recipient), ephPub, recipient);
  const nonce = randomBytes(NONCE_LEN);
  const ct = xchacha20poly1305(key, nonce).encrypt(plaintext);
  const out = new Uint8Array(32 + NONCE_LEN + ct.length);
  out.set(ephPub, 0);
  out.set(nonce, 32);
  out.set(ct, 32 + NONCE_LEN);
  return bytesToHex(out);
}

/** Opens a box sealed to the public key of `privateKey`. */
export function open(privateKey: Hex, sealed: Hex): Uint8Array {
  const sk = key32(privateKey, "private key");
  const bytes = hexToBytes(sealed);
  if (bytes.length < 32 + NONCE_LEN + 16) throw new DecryptionError(`box of ${bytes.length} bytes is too short`);
  const ephPub = bytes.subarray(0, 32);
  const nonce = bytes.subarray(32, 32 + NONCE_LEN);
  const key = boxKey(x25519.getSharedSecret(sk, ephPub), ephPub, x25519.getPublicKey(sk));
  try {
    return xchacha20poly1305(key, nonce).decrypt(bytes.subarray(32 + NONCE_LEN));
  } catch {
    throw new DecryptionError("authentication failed (wrong key or tampered data)");
  }
}

/** seal() for JSON values. */
export const sealJson = (recipientPublicKey: Hex, value: unknown): Hex =>
  seal(recipientPublicKey, new TextEncoder().encode(JSON.stringify(value)));

/** open() for JSON values. */
export const openJson = (privateKey: Hex, sealed: Hex): unknown =>
  JSON.parse(new TextDecoder().decode(open(privateKey, sealed)));
