import { createReadStream } from "node:fs";
import { join } from "node:path";
import { formatManifest, MANIFEST_FILE, type Manifest } from "@infergrid/engine";
import type { Blockstore } from "interface-blockstore";
import { importer } from "ipfs-unixfs-importer";
import { fixedSize } from "ipfs-unixfs-importer/chunker";
import type { CID } from "multiformats/cid";
import { CHUNK_SIZE, fileLeaves, isRawLeaf, type Leaf } from "./dag.ts";

/** A manifest entry with the CID of its UnixFS file and that file's leaves. */
export type ImportedFile = { readonly path: string; readonly sha256: string; readonly size: number; readonly cid: CID };

export type ImportedModel = {
  /** the UnixFS directory of the whole folder (manifest.json included): `ipfs get <root>` yields the model */
  readonly root: CID;
  readonly files: readonly ImportedFile[];
};

const IMPORT_OPTIONS = {
  cidVersion: 1,
  rawLeaves: true,
  reduceSingleLeafToSelf: true,
  wrapWithDirectory: true,
  chunker: fixedSize({ chunkSize: CHUNK_SIZE }),
} as const;

/**
 * Builds the UnixFS DAG of a model folder. Only the inner nodes and manifest.json (written in
 * its canonical form, whatever the folder's copy looks like) go into `blocks`; the raw leaves
 * of the model files are left out, to be served from the files by reference. Does not check
 * the files against the manifest: the caller decides what it trusts.
 */
export async function importModelFolder(
  blocks: Pick<Blockstore, "put">,
  folder: string,
  manifest: Manifest,
): Promise<ImportedModel> {
  const manifestBytes = new TextEncoder().encode(formatManifest(manifest));
  // manifest.json first, with every block kept, so its raw leaves are in the store when the
  // folder import below (which drops raw leaves) reaches the same CIDs again.
  for await (const _ of importer([{ content: manifestBytes }], blocks, {
    ...IMPORT_OPTIONS,
    wrapWithDirectory: false,
  }));
  const dropLeaves: Pick<Blockstore, "put"> = {
    put: async (cid, bytes, options) => (isRawLeaf(cid) ? cid : blocks.put(cid, bytes, options)),
  };
  const source = [
    { path: MANIFEST_FILE, content: manifestBytes },
    ...manifest.files.map((f) => ({ path: f.path, content: createReadStream(join(folder, f.path)) })),
  ];
  const cids = new Map<string, CID>();
  let root: CID | undefined;
  for await (const entry of importer(source, dropLeaves, IMPORT_OPTIONS)) {
    if (entry.path === "" || entry.path === undefined) root = entry.cid;
    else cids.set(entry.path, entry.cid);
  }
  if (root === undefined) throw new Error(`importing ${folder} produced no root directory`);
  const files = manifest.files.map((f) => {
    const cid = cids.get(f.path);
    if (cid === undefined) throw new Error(`importing ${folder} produced no CID for ${f.path}`);
    return { path: f.path, sha256: f.sha256, size: f.size, cid };
  });
  return { root, files };
}

/** The raw leaves of each imported file, located in `folder`. */
export async function leavesOf(
  files: readonly ImportedFile[],
  getBlock: (cid: CID) => Promise<Uint8Array>,
): Promise<Map<string, Leaf[]>> {
  const out = new Map<string, Leaf[]>();
  for (const f of files) out.set(f.path, await fileLeaves(f.cid, f.size, getBlock));
  return out;
}
