import { join, resolve } from "node:path";
import { MANIFEST_FILE, verifyModelFolder, type Manifest } from "@infergrid/engine";
import { withBitswap } from "@helia/bitswap";
import { withLibp2pLight } from "@helia/libp2p";
import type { Libp2p } from "@libp2p/interface";
import { MemoryDatastore } from "datastore-core";
import { FsDatastore } from "datastore-fs";
import { createHeliaLight } from "helia";
import { Key } from "interface-datastore";
import { CID } from "multiformats/cid";
import type { Hex } from "viem";
import { z } from "zod";
import { ModelBlockstore } from "./blockstore.ts";
import { fileLeaves } from "./dag.ts";
import type { Announcement } from "./discovery.ts";
import { InvalidOptionsError, NotSeededError, SeedRefusedError, TargetExistsError } from "./errors.ts";
import {
  exists,
  fetchModelFiles,
  modelDiskBytes,
  resolveModelManifest,
  type FetchOptions,
  type FetchResult,
  type ResolvedModel,
} from "./fetch.ts";
import { importModelFolder, type ImportedModel } from "./importer.ts";
import { bytes32Schema, serveModelRoots } from "./protocol.ts";
import { libp2pOptions } from "./transport.ts";

export const modelNodeOptionsSchema = z
  .object({
    /** folder for the node's key (its peer id survives restarts), its catalogue and the DAG nodes */
    repo: z.string().min(1),
    /** libp2p listen addresses; loopback by default, a public node listens on 0.0.0.0 */
    listen: z.array(z.string().min(1)).min(1).default(["/ip4/127.0.0.1/tcp/0"]),
    /** addresses to announce instead of the listen addresses (public IP or DNS name behind NAT) */
    announce: z.array(z.string().min(1)).default([]),
    /** a block request without an answer for this long fails that peer's try */
    blockTimeoutMs: z.number().int().positive().default(30_000),
    /** block requests in flight per file (loopback, both nodes in one process: 8 gave 31 MB/s, 32 gave 45 MB/s) */
    concurrency: z.number().int().min(1).max(64).default(32),
  })
  .strict();

export type ModelNodeOptions = z.input<typeof modelNodeOptionsSchema>;

const seedRecordSchema = z
  .object({
    manifestHash: bytes32Schema,
    name: z.string(),
    root: z.string(),
    folder: z.string(),
    sizeBytes: z.number().int().nonnegative(),
    /** each manifest entry's sha256 -> the CID of its UnixFS file; sizeBytes is modelDiskBytes */
    files: z.array(
      z
        .object({ path: z.string(), sha256: z.string(), size: z.number().int().nonnegative(), cid: z.string() })
        .strict(),
    ),
  })
  .strict();

/** A model this node seeds: where its files are and the CIDs peers fetch them by. */
export type SeedRecord = z.infer<typeof seedRecordSchema>;

export type ModelNode = {
  readonly peerId: string;
  /** dialable addresses, each ending in /p2p/<peerId> */
  multiaddrs(): string[];
  /** what to publish so other nodes find this one (see endpointPeers) */
  announcement(): Announcement;
  /** Verifies a model folder against its manifest and serves it; the manifest hash is its identity. */
  seedModel(folder: string): Promise<SeedRecord>;
  /** Stops serving a model (its files stay where they are). */
  unseedModel(manifestHash: Hex): Promise<void>;
  seeded(): SeedRecord[];
  /** Reads a model's manifest (and so its size) from peers that seed it, without its files. */
  resolveModel(manifestHash: Hex, options: Pick<FetchOptions, "peers" | "signal">): Promise<ResolvedModel>;
  /** Fetches a model from peers that seed it into `targetDir`, verified; see FetchOptions. */
  fetchModel(manifestHash: Hex, targetDir: string, options: FetchOptions): Promise<FetchResult>;
  stop(): Promise<void>;
  /** the libp2p node, for a daemon that wants its own protocols or metrics on it */
  readonly libp2p: Libp2p;
};

const SEEDS = "/infergrid/seeds";

function parseHash(manifestHash: string): Hex {
  const parsed = bytes32Schema.safeParse(manifestHash);
  if (!parsed.success) throw new InvalidOptionsError("manifest hash", z.prettifyError(parsed.error));
  return parsed.data;
}

/**
 * Starts a model node: a Helia (IPFS) node on libp2p over TCP, with bitswap for blocks and
 * the model-root protocol for "which root holds this manifest hash?". Models seeded before a
 * restart are served again without re-hashing their files (every block read is hashed anyway).
 */
export async function createModelNode(options: ModelNodeOptions): Promise<ModelNode> {
  const parsed = modelNodeOptionsSchema.safeParse(options);
  if (!parsed.success) throw new InvalidOptionsError("model node options", z.prettifyError(parsed.error));
  const config = parsed.data;
  const repo = resolve(config.repo);
  const store = new ModelBlockstore(join(repo, "blocks"));
  const datastore = new FsDatastore(join(repo, "datastore"));
  await store.open();
  await datastore.open();
  const helia = withBitswap(
    withLibp2pLight(createHeliaLight({ blockstore: store, datastore }), {
      ...libp2pOptions(config.listen, config.announce),
      // The peer id's key stays in the repo (Helia keeps it there); libp2p's peer store is
      // in memory: peers are dialled by full address, and it writes on after stop().
      datastore: new MemoryDatastore(),
    }),
  );
  await helia.start();
  const libp2p = helia.libp2p as Libp2p;

  const records = new Map<Hex, SeedRecord>();
  const roots = new Map<Hex, CID>();
  const getInner = async (cid: CID) => {
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.get(cid)) chunks.push(chunk);
    return Buffer.concat(chunks);
  };

  async function serve(record: SeedRecord): Promise<void> {
    store.removeRefs(record.manifestHash);
    for (const f of record.files) {
      const leaves = await fileLeaves(CID.parse(f.cid), f.size, getInner);
      store.addFileRefs(record.manifestHash, join(record.folder, f.path), leaves);
    }
    records.set(record.manifestHash, record);
    roots.set(record.manifestHash, CID.parse(record.root));
  }

  async function register(hash: Hex, manifest: Manifest, folder: string, imported: ImportedModel) {
    const record: SeedRecord = {
      manifestHash: hash,
      name: manifest.name,
      root: imported.root.toString(),
      folder,
      sizeBytes: modelDiskBytes(manifest),
      files: imported.files.map((f) => ({ path: f.path, sha256: f.sha256, size: f.size, cid: f.cid.toString() })),
    };
    await serve(record);
    await datastore.put(new Key(`${SEEDS}/${hash}`), new TextEncoder().encode(JSON.stringify(record)));
    return record;
  }

  async function forget(hash: Hex) {
    store.removeRefs(hash);
    records.delete(hash);
    roots.delete(hash);
    await datastore.delete(new Key(`${SEEDS}/${hash}`));
  }

  // Serve again what was seeded before a restart; a record whose folder is gone is forgotten.
  for await (const { key, value } of datastore.query({ prefix: SEEDS })) {
    try {
      const record = seedRecordSchema.parse(JSON.parse(new TextDecoder().decode(value)));
      if (!(await exists(join(record.folder, MANIFEST_FILE)))) throw new Error(`${record.folder} is gone`);
      await serve(record);
    } catch {
      await datastore.delete(key);
    }
  }
  await serveModelRoots(libp2p, (hash) => roots.get(hash) ?? null);

  const ctx = {
    libp2p,
    blocks: helia.blockstore,
    store,
    blockTimeoutMs: config.blockTimeoutMs,
    concurrency: config.concurrency,
  };
  const node: ModelNode = {
    peerId: libp2p.peerId.toString(),
    libp2p,
    multiaddrs: () => libp2p.getMultiaddrs().map((m) => m.toString()),
    announcement: () => ({
      peerId: libp2p.peerId.toString(),
      multiaddrs: node.multiaddrs(),
      models: [...records.keys()],
    }),
    seeded: () => [...records.values()],
    async seedModel(folder) {
      const dir = resolve(folder);
      let verified: Awaited<ReturnType<typeof verifyModelFolder>>;
      try {
        verified = await verifyModelFolder(dir);
      } catch (e) {
        throw new SeedRefusedError(dir, e as Error);
      }
      const imported = await importModelFolder(store, dir, verified.manifest);
      return register(verified.modelHash, verified.manifest, dir, imported);
    },
    async unseedModel(manifestHash) {
      const hash = parseHash(manifestHash);
      if (!records.has(hash)) throw new NotSeededError(hash);
      await forget(hash);
    },
    async resolveModel(manifestHash, resolveOptions) {
      return resolveModelManifest(ctx, parseHash(manifestHash), resolveOptions);
    },
    async fetchModel(manifestHash, targetDir, fetchOptions) {
      const hash = parseHash(manifestHash);
      const target = resolve(targetDir);
      if (await exists(target)) return present(hash, target, fetchOptions.seed ?? true);
      const { manifest, imported, result } = await fetchModelFiles(ctx, hash, target, fetchOptions);
      if (fetchOptions.seed ?? true) await register(hash, manifest, target, imported);
      return result;
    },
    async stop() {
      await helia.stop();
      await store.close();
      await datastore.close();
    },
  };

  /** The target exists: fine when it is a verified copy of the model, refused otherwise. */
  async function present(hash: Hex, target: string, seed: boolean): Promise<FetchResult> {
    let modelHash: Hex;
    let sizeBytes: number;
    try {
      const verified = await verifyModelFolder(target);
      modelHash = verified.modelHash;
      sizeBytes = modelDiskBytes(verified.manifest);
    } catch (e) {
      throw new TargetExistsError(target, (e as Error).message);
    }
    if (modelHash !== hash) throw new TargetExistsError(target, `it holds model ${modelHash}`);
    if (seed && records.get(hash)?.folder !== target) await node.seedModel(target);
    return {
      manifestHash: hash,
      targetDir: target,
      status: "present",
      sizeBytes,
      fetchedBytes: 0,
      resumedBytes: 0,
      root: null,
      peers: [],
    };
  }

  return node;
}
