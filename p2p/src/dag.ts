import { createHash } from "node:crypto";
import * as dagPb from "@ipld/dag-pb";
import { UnixFS } from "ipfs-unixfs";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

/**
 * The DAG layout both sides use. Fixed-size chunks with raw leaves make every leaf's CID the
 * sha256 of exactly the bytes at one offset of the file, which is what lets a node serve a
 * block straight from a model file and a fetch resume by re-hashing a partial file.
 */
export const CHUNK_SIZE = 262_144;
export const MAX_DAG_DEPTH = 8;

/** One raw leaf of a file: `length` bytes at `offset` that hash to `cid`. */
export type Leaf = { readonly cid: CID; readonly offset: number; readonly length: number };

export type GetBlock = (cid: CID) => Promise<Uint8Array>;

/** Why a file's DAG cannot be the file the manifest lists (a peer's fault, never ours). */
export class DagLayoutError extends Error {
  override name = "DagLayoutError";
}

export function isRawLeaf(cid: CID): boolean {
  return cid.code === raw.code && cid.multihash.code === sha256.code;
}

/** Whether `bytes` are the content of raw leaf `cid` (sha256 multihash). */
export function leafMatches(cid: CID, bytes: Uint8Array): boolean {
  if (!isRawLeaf(cid)) return false;
  const digest = createHash("sha256").update(bytes).digest();
  return Buffer.from(cid.multihash.digest).equals(digest);
}

/**
 * Lists the raw leaves of a UnixFS file with their offsets, reading only the file's inner
 * (dag-pb) nodes. A file of one chunk is a raw leaf itself; its length is `size`.
 * The declared sizes must add up to `size` (the manifest's), so a peer cannot make us
 * walk or write more than the manifest allows.
 */
export async function fileLeaves(cid: CID, size: number, getBlock: GetBlock): Promise<Leaf[]> {
  if (isRawLeaf(cid)) return [{ cid, offset: 0, length: size }];
  const leaves: Leaf[] = [];
  const walk = async (node: CID, offset: number, expected: number, depth: number): Promise<void> => {
    if (depth > MAX_DAG_DEPTH) throw new DagLayoutError(`DAG deeper than ${MAX_DAG_DEPTH} levels`);
    if (node.code !== dagPb.code) throw new DagLayoutError(`unsupported block codec 0x${node.code.toString(16)}`);
    const pb = dagPb.decode(await getBlock(node));
    if (pb.Data === undefined) throw new DagLayoutError("dag-pb node without UnixFS data");
    const fs = UnixFS.unmarshal(pb.Data);
    if (fs.type !== "file") throw new DagLayoutError(`UnixFS node of type ${fs.type}, not a file`);
    if ((fs.data?.length ?? 0) > 0) throw new DagLayoutError("inline file data (only raw leaves are supported)");
    if (fs.blockSizes.length !== pb.Links.length) throw new DagLayoutError("block sizes do not match the links");
    const total = fs.blockSizes.reduce((a, b) => a + b, 0n);
    if (total !== BigInt(expected)) throw new DagLayoutError(`file DAG holds ${total} bytes, expected ${expected}`);
    let at = offset;
    for (const [i, link] of pb.Links.entries()) {
      const length = Number(fs.blockSizes[i]);
      if (isRawLeaf(link.Hash)) leaves.push({ cid: link.Hash, offset: at, length });
      else await walk(link.Hash, at, length, depth + 1);
      at += length;
    }
  };
  await walk(cid, 0, size, 0);
  return leaves;
}

/** The CID of a raw leaf holding `bytes`. */
export async function rawLeafCid(bytes: Uint8Array): Promise<CID> {
  return CID.createV1(raw.code, await sha256.digest(bytes));
}
