import { cp, mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { withBitswap } from "@helia/bitswap";
import { withLibp2pLight } from "@helia/libp2p";
import type { Manifest } from "@infergrid/engine";
import type { Libp2p } from "@libp2p/interface";
import { MemoryDatastore } from "datastore-core";
import { createHeliaLight } from "helia";
import { CID } from "multiformats/cid";
import { ModelBlockstore } from "../src/blockstore.ts";
import { fileLeaves } from "../src/dag.ts";
import { importModelFolder } from "../src/importer.ts";
import { createModelNode, type ModelNode, type ModelNodeOptions } from "../src/node.ts";
import { serveModelRoots } from "../src/protocol.ts";
import { libp2pOptions } from "../src/transport.ts";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TINY_MODEL_DIR = join(REPO_ROOT, "models", "tiny-gpt2");

/** Temporary folders and nodes of one test file, all removed by `cleanup`. */
export function sandbox() {
  const dirs: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  return {
    async dir(prefix = "p2p-"): Promise<string> {
      const d = await mkdtemp(join(tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
    async node(options: Partial<ModelNodeOptions> = {}): Promise<ModelNode> {
      const node = await createModelNode({ repo: await this.dir("p2p-repo-"), ...options });
      stops.push(() => node.stop());
      return node;
    },
    /** Stops a node early (a restart or a peer going away); cleanup then skips it. */
    track(stop: () => Promise<void>) {
      stops.push(stop);
    },
    async cleanup() {
      for (const stop of stops.reverse()) await stop().catch(() => {});
      for (const d of dirs) await rm(d, { recursive: true, force: true });
    },
  };
}

/** A copy of tiny-gpt2 whose onnx/model.onnx has one byte flipped (manifest.json unchanged). */
export async function tamperedCopy(into: string): Promise<string> {
  const folder = join(into, "tampered");
  await cp(TINY_MODEL_DIR, folder, { recursive: true });
  const fh = await open(join(folder, "onnx", "model.onnx"), "r+");
  const b = new Uint8Array(1);
  await fh.read(b, 0, 1, 1_000_000);
  b[0] = (b[0] as number) ^ 0xff;
  await fh.write(b, 0, 1, 1_000_000);
  await fh.close();
  return folder;
}

/**
 * A modified client: it answers the model-root question for `claimedHash` with the root of
 * whatever folder it imported, without checking that folder against any manifest. Built from
 * the package's own parts, as a peer running patched code would be.
 */
export async function liarNode(
  repo: string,
  claimedHash: `0x${string}`,
  folder: string,
  manifest: Manifest,
): Promise<{ peerId: string; multiaddrs: string[]; stop: () => Promise<void> }> {
  const store = new ModelBlockstore(join(repo, "blocks"));
  await store.open();
  const helia = withBitswap(
    withLibp2pLight(
      createHeliaLight({ blockstore: store, datastore: new MemoryDatastore() }),
      libp2pOptions(["/ip4/127.0.0.1/tcp/0"]),
    ),
  );
  await helia.start();
  const imported = await importModelFolder(store, folder, manifest);
  const getInner = async (cid: CID) => {
    const chunks: Uint8Array[] = [];
    for await (const c of store.get(cid)) chunks.push(c);
    return Buffer.concat(chunks);
  };
  for (const f of imported.files) {
    store.addFileRefs("liar", join(folder, f.path), await fileLeaves(f.cid, f.size, getInner));
  }
  const libp2p = helia.libp2p as Libp2p;
  await serveModelRoots(libp2p, (hash) => (hash === claimedHash.toLowerCase() ? imported.root : null));
  return {
    peerId: libp2p.peerId.toString(),
    multiaddrs: libp2p.getMultiaddrs().map((m) => m.toString()),
    stop: async () => {
      await helia.stop();
      await store.close();
    },
  };
}

/** A node that claims a root for `claimedHash` but holds none of its blocks (a peer that stalls). */
export async function emptyClaimNode(
  claimedHash: `0x${string}`,
  root: string,
): Promise<{ peerId: string; multiaddrs: string[]; stop: () => Promise<void> }> {
  const helia = withBitswap(
    withLibp2pLight(createHeliaLight({ datastore: new MemoryDatastore() }), libp2pOptions(["/ip4/127.0.0.1/tcp/0"])),
  );
  await helia.start();
  const libp2p = helia.libp2p as Libp2p;
  await serveModelRoots(libp2p, (hash) => (hash === claimedHash.toLowerCase() ? CID.parse(root) : null));
  return {
    peerId: libp2p.peerId.toString(),
    multiaddrs: libp2p.getMultiaddrs().map((m) => m.toString()),
    stop: async () => {
      await helia.stop();
    },
  };
}
