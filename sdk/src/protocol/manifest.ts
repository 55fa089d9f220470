import { keccak256, stringToBytes, type Hex } from "viem";

/** What a model manifest lists: the engine builds and checks it (engine/src/manifest.ts). */
export type ModelManifest = {
  readonly format: string;
  readonly name: string;
  readonly files: readonly { readonly path: string; readonly sha256: string; readonly size: number }[];
};

/**
 * The canonical bytes are what the on-chain model hash commits to: files sorted by path,
 * keys in a fixed order, no whitespace. Whitespace or key order in manifest.json on disk
 * therefore never changes the hash.
 */
export function canonicalManifestBytes(manifest: ModelManifest): Uint8Array {
  const files = [...manifest.files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => ({ path: f.path, sha256: f.sha256, size: f.size }));
  return stringToBytes(JSON.stringify({ format: manifest.format, name: manifest.name, files }));
}

/**
 * The model's on-chain id (bytes32, `ModelRegistry.modelIdByManifest`): keccak256 of the
 * canonical manifest bytes.
 * @example manifestHash(await readManifest("models/tiny-gpt2")) // 0x…, what `infergrid model register` registers
 */
export function manifestHash(manifest: ModelManifest): Hex {
  return keccak256(canonicalManifestBytes(manifest));
}
