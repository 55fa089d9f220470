import { open } from "node:fs/promises";
import type { AbortOptions } from "@libp2p/interface";
import { FsBlockstore } from "blockstore-fs";
import type { Blockstore, InputPair, Pair } from "interface-blockstore";
import { NotFoundError } from "interface-store";
import type { CID } from "multiformats/cid";
import { leafMatches, type Leaf } from "./dag.ts";

/** Where a raw leaf's bytes lie in a model file on disk. */
export type LeafRef = { readonly file: string; readonly offset: number; readonly length: number };

/**
 * A blockstore that keeps model bytes once. The small inner (dag-pb) nodes live in an
 * FsBlockstore; the raw leaves, which are nearly all of a model, are served from the model
 * files themselves (like Kubo's filestore). Each leaf read is hashed against its CID, so a
 * file changed on disk after seeding is never served under its old CID.
 */
export class ModelBlockstore implements Blockstore {
  readonly #blocks: FsBlockstore;
  /** leaf CID -> (owner -> where its bytes are); several models may share a file's leaves */
  readonly #refs = new Map<string, Map<string, LeafRef>>();
  readonly #owned = new Map<string, string[]>();

  constructor(path: string) {
    this.#blocks = new FsBlockstore(path);
  }

  async open(): Promise<void> {
    await this.#blocks.open();
  }

  async close(): Promise<void> {
    await this.#blocks.close();
  }

  /** Serves `leaves` from `file` on behalf of `owner` (a model's manifest hash). */
  addFileRefs(owner: string, file: string, leaves: readonly Leaf[]): void {
    const owned = this.#owned.get(owner) ?? [];
    for (const leaf of leaves) {
      const key = leaf.cid.toString();
      let byOwner = this.#refs.get(key);
      if (byOwner === undefined) {
        byOwner = new Map();
        this.#refs.set(key, byOwner);
      }
      byOwner.set(owner, { file, offset: leaf.offset, length: leaf.length });
      owned.push(key);
    }
    this.#owned.set(owner, owned);
  }

  /** Stops serving every leaf `owner` added. */
  removeRefs(owner: string): void {
    for (const key of this.#owned.get(owner) ?? []) {
      const byOwner = this.#refs.get(key);
      byOwner?.delete(owner);
      if (byOwner?.size === 0) this.#refs.delete(key);
    }
    this.#owned.delete(owner);
  }

  /**
   * Deletes a block kept in the inner store (a fetched leaf once it is written to its file).
   * Best effort: the leaf may have come from another model's file and never been stored, or a
   * concurrent write of the same chunk may have deleted it first; a copy left behind costs disk,
   * never correctness.
   */
  async deleteStored(cid: CID): Promise<void> {
    try {
      if (await this.#blocks.has(cid)) await this.#blocks.delete(cid);
    } catch {
      // see above
    }
  }

  async has(cid: CID, options?: AbortOptions): Promise<boolean> {
    return this.#refs.has(cid.toString()) || (await this.#blocks.has(cid, options));
  }

  async put(cid: CID, bytes: InputPair["bytes"], options?: AbortOptions): Promise<CID> {
    return this.#blocks.put(cid, bytes, options);
  }

  async *putMany(source: Iterable<InputPair> | AsyncIterable<InputPair>, options?: AbortOptions): AsyncGenerator<CID> {
    for await (const { cid, bytes } of source) yield await this.put(cid, bytes, options);
  }

  async *get(cid: CID, options?: AbortOptions): AsyncGenerator<Uint8Array> {
    const key = cid.toString();
    const refs = this.#refs.get(key);
    if (refs !== undefined) {
      for (const [owner, ref] of refs) {
        const bytes = await readRef(ref);
        if (bytes !== null && leafMatches(cid, bytes)) {
          yield bytes;
          return;
        }
        // the file changed under the reference: never serve it again from there
        refs.delete(owner);
      }
      if (refs.size === 0) this.#refs.delete(key);
    }
    if (await this.#blocks.has(cid, options)) {
      yield* this.#blocks.get(cid, options);
      return;
    }
    throw new NotFoundError(`block ${cid} not found`);
  }

  async *getMany(source: Iterable<CID> | AsyncIterable<CID>, options?: AbortOptions): AsyncGenerator<Pair> {
    for await (const cid of source) yield { cid, bytes: this.get(cid, options) };
  }

  async delete(cid: CID, options?: AbortOptions): Promise<void> {
    await this.#blocks.delete(cid, options);
  }

  async *deleteMany(source: Iterable<CID> | AsyncIterable<CID>, options?: AbortOptions): AsyncGenerator<CID> {
    for await (const cid of source) {
      await this.delete(cid, options);
      yield cid;
    }
  }

  /** The inner nodes only: the leaves belong to the model files, not to this store. */
  getAll(options?: AbortOptions): AsyncGenerator<Pair> {
    return this.#blocks.getAll(options) as AsyncGenerator<Pair>;
  }
}

async function readRef(ref: LeafRef): Promise<Uint8Array | null> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    fh = await open(ref.file, "r");
    const buf = new Uint8Array(ref.length);
    const { bytesRead } = await fh.read(buf, 0, ref.length, ref.offset);
    return bytesRead === ref.length ? buf : null;
  } catch {
    return null;
  } finally {
    await fh?.close();
  }
}
