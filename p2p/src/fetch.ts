import { constants } from "node:fs";
import { mkdir, open, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import {
  formatManifest,
  MANIFEST_FILE,
  manifestHash as hashOf,
  manifestSchema,
  readManifest,
  sha256File,
  type Manifest,
} from "@infergrid/engine";
import type { Blocks } from "@helia/interface";
import type { Libp2p } from "@libp2p/interface";
import { multiaddr, type Multiaddr } from "@multiformats/multiaddr";
import { exporter, type ReadableStorage } from "ipfs-unixfs-exporter";
import type { CID } from "multiformats/cid";
import type { Hex } from "viem";
import type { ModelBlockstore } from "./blockstore.ts";
import { DagLayoutError, fileLeaves, leafMatches, type Leaf } from "./dag.ts";
import { peerIdOf, type PeerSource } from "./discovery.ts";
import {
  FetchAbortedError,
  FetchStalledError,
  ModelNotFoundError,
  ModelTooLargeError,
  PeerBytesRefusedError,
  type PeerAttempt,
} from "./errors.ts";
import type { ImportedModel } from "./importer.ts";
import { queryModelRoot } from "./protocol.ts";

const MAX_MANIFEST_BYTES = 4 << 20;

export type FetchProgress =
  /** a peer's answer to "which root holds this model?" (`root` null: it does not seed it) */
  | { readonly type: "peer"; readonly peer: string; readonly root: string | null; readonly error?: string }
  /** the manifest arrived from `root` and matches the hash */
  | { readonly type: "manifest"; readonly root: string; readonly files: number; readonly totalBytes: number }
  /** a block of `file` is on disk: fetched from a peer, or found already written (resumed) */
  | {
      readonly type: "bytes";
      readonly file: string;
      readonly doneBytes: number;
      readonly totalBytes: number;
      readonly fetchedBytes: number;
      readonly resumedBytes: number;
    }
  | { readonly type: "file-verified"; readonly file: string }
  /** a peer's bytes for `file` do not match the manifest: that file is not accepted from it */
  | { readonly type: "refused"; readonly peer: string; readonly file: string; readonly reason: string }
  | { readonly type: "done"; readonly fetchedBytes: number; readonly resumedBytes: number };

export type FetchOptions = {
  /** peers to ask (multiaddrs ending in /p2p/<id>), or a PeerSource that finds them */
  readonly peers: readonly string[] | PeerSource;
  readonly onProgress?: (event: FetchProgress) => void;
  readonly signal?: AbortSignal;
  /** refuse, before downloading, a model that would take more bytes on disk than this (a disk budget) */
  readonly maxBytes?: number;
  /** seed the model once fetched (default true), so demand spreads it further */
  readonly seed?: boolean;
};

export type FetchResult = {
  readonly manifestHash: Hex;
  readonly targetDir: string;
  readonly status: "fetched" | "present";
  /** bytes the model folder takes on disk (modelDiskBytes) */
  readonly sizeBytes: number;
  /** bytes written from the network by the try that delivered, and bytes found already written (a resume) */
  readonly fetchedBytes: number;
  readonly resumedBytes: number;
  /** content root and the peers that served it (empty when the model was already present) */
  readonly root: string | null;
  readonly peers: readonly string[];
};

/** What fetchModel needs from the node. */
export type FetchContext = {
  readonly libp2p: Libp2p;
  readonly blocks: Blocks;
  readonly store: ModelBlockstore;
  readonly blockTimeoutMs: number;
  readonly concurrency: number;
};

/** Bytes a model folder takes on disk: its files and its manifest.json (canonical form). */
export function modelDiskBytes(manifest: Manifest): number {
  return manifest.files.reduce((s, f) => s + f.size, Buffer.byteLength(formatManifest(manifest)));
}

/** Where a fetch into `targetDir` writes until every file verifies (same filesystem, so the final rename is atomic). */
export function partialDirOf(targetDir: string): string {
  return join(dirname(targetDir), `.${basename(targetDir)}.partial`);
}

type Candidate = { readonly root: CID; readonly providers: Multiaddr[]; readonly peers: string[] };

/** Asks every peer for the model's root, grouping peers that name the same root. */
async function findCandidates(
  ctx: FetchContext,
  hash: Hex,
  addrs: readonly string[],
  attempts: PeerAttempt[],
  options: FetchOptions,
): Promise<Candidate[]> {
  const answers = await Promise.all(
    addrs.map(async (addr) => {
      let ma: Multiaddr;
      try {
        ma = multiaddr(addr);
      } catch {
        return { addr, peer: addr, error: "not a multiaddr" };
      }
      const peer = peerIdOf(addr) ?? addr;
      try {
        const signal = anySignal(options.signal, ctx.blockTimeoutMs);
        return { addr, peer, ma, root: await queryModelRoot(ctx.libp2p, ma, hash, signal) };
      } catch (e) {
        return { addr, peer, error: `unreachable (${(e as Error).message})` };
      }
    }),
  );
  const byRoot = new Map<string, Candidate>();
  for (const a of answers) {
    options.onProgress?.({ type: "peer", peer: a.peer, root: a.root?.toString() ?? null, error: a.error });
    if (a.error !== undefined || a.ma === undefined) attempts.push({ peer: a.peer, outcome: a.error ?? "no answer" });
    else if (a.root === null || a.root === undefined) attempts.push({ peer: a.peer, outcome: "does not seed it" });
    else {
      const key = a.root.toString();
      const c = byRoot.get(key) ?? { root: a.root, providers: [], peers: [] };
      c.providers.push(a.ma);
      c.peers.push(a.peer);
      byRoot.set(key, c);
    }
  }
  // the root most peers agree on first: more sources, and a lone liar goes last
  return [...byRoot.values()].sort((a, b) => b.peers.length - a.peers.length);
}

/**
 * Fetches a model by manifest hash into `targetDir`: finds a content root, checks its
 * manifest against the hash, writes every file into a partial folder block by block, checks
 * each file's size and sha256, then renames the folder into place. Leaves already on disk from
 * an interrupted try are re-hashed and kept. A root whose bytes do not match is refused and
 * the next one tried; the model's files are never visible in `targetDir` unverified.
 */
export async function fetchModelFiles(
  ctx: FetchContext,
  hash: Hex,
  targetDir: string,
  options: FetchOptions,
): Promise<{ manifest: Manifest; imported: ImportedModel; result: FetchResult }> {
  const counters = { fetched: 0, resumed: 0 };
  const owner = `partial:${hash}`;
  try {
    return await tryCandidates(ctx, hash, options, counters, (candidate) =>
      fetchFromRoot(ctx, hash, targetDir, candidate, owner, counters, options),
    );
  } finally {
    ctx.store.removeRefs(owner);
  }
}

export type ResolvedModel = {
  readonly manifestHash: Hex;
  readonly manifest: Manifest;
  /** bytes the model would take on disk (modelDiskBytes) */
  readonly sizeBytes: number;
  readonly root: string;
  readonly peers: readonly string[];
};

/**
 * Reads a model's manifest from the peers that seed it, checked against the hash, without
 * fetching its files: what a placement needs to know a model's size before choosing it.
 */
export async function resolveModelManifest(
  ctx: FetchContext,
  hash: Hex,
  options: Pick<FetchOptions, "peers" | "signal" | "onProgress">,
): Promise<ResolvedModel> {
  return tryCandidates(ctx, hash, options, { fetched: 0, resumed: 0 }, async (candidate) => {
    const manifest = await fetchManifest(rootAccess(ctx, candidate, options), candidate, hash, options);
    return {
      manifestHash: hash,
      manifest,
      sizeBytes: modelDiskBytes(manifest),
      root: candidate.root.toString(),
      peers: candidate.peers,
    };
  });
}

/** Runs `attempt` on each candidate root in turn until one succeeds; says why each failed. */
async function tryCandidates<T>(
  ctx: FetchContext,
  hash: Hex,
  options: Pick<FetchOptions, "peers" | "signal" | "onProgress">,
  counters: { fetched: number; resumed: number },
  attempt: (candidate: Candidate) => Promise<T>,
): Promise<T> {
  const attempts: PeerAttempt[] = [];
  const refusals: PeerBytesRefusedError[] = [];
  try {
    const addrs = Array.isArray(options.peers)
      ? (options.peers as readonly string[])
      : await (options.peers as PeerSource)(hash, { signal: options.signal });
    for (const candidate of await findCandidates(ctx, hash, addrs, attempts, options)) {
      counters.fetched = 0;
      counters.resumed = 0;
      try {
        return await attempt(candidate);
      } catch (e) {
        if (options.signal?.aborted) throw e;
        const peer = candidate.peers.join(",");
        if (e instanceof PeerBytesRefusedError) {
          refusals.push(e);
          options.onProgress?.({ type: "refused", peer: e.peer, file: e.file, reason: e.message });
          attempts.push({ peer, outcome: e.message });
        } else if (e instanceof FetchStalledError) attempts.push({ peer, outcome: e.message });
        else if (e instanceof ModelTooLargeError) throw e;
        else attempts.push({ peer, outcome: `failed (${(e as Error).message})` });
      }
    }
  } catch (e) {
    if (options.signal?.aborted) throw new FetchAbortedError(hash, counters.fetched + counters.resumed);
    throw e;
  }
  throw new ModelNotFoundError(hash, attempts, refusals);
}

type RootAccess = {
  /** every block request names the root's peers and has a deadline */
  readonly storage: ReadableStorage;
  readonly getBlock: (cid: CID) => Promise<Uint8Array>;
  /** names the file being fetched, for FetchStalledError */
  setFile(path: string): void;
};

function rootAccess(ctx: FetchContext, candidate: Candidate, options: Pick<FetchOptions, "signal">): RootAccess {
  const peer = candidate.peers.join(",");
  let currentFile = MANIFEST_FILE;
  // A peer that stops answering fails the try instead of hanging it.
  const storage: ReadableStorage = {
    async *get(cid, o) {
      const deadline = AbortSignal.timeout(ctx.blockTimeoutMs);
      const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
      try {
        yield* ctx.blocks.get(cid, { ...o, signal, providers: candidate.providers });
      } catch (e) {
        if (deadline.aborted && !options.signal?.aborted)
          throw new FetchStalledError(peer, currentFile, ctx.blockTimeoutMs);
        throw e;
      }
    },
  };
  const getBlock = async (cid: CID) => {
    try {
      return concat(await collect(storage.get(cid)));
    } catch (e) {
      // a leaf whose local copy was overwritten since (its stale reference is gone now): ask the network
      if ((e as Error).name !== "NotFoundError") throw e;
      return concat(await collect(storage.get(cid)));
    }
  };
  return {
    storage,
    getBlock,
    setFile: (path) => {
      currentFile = path;
    },
  };
}

/** The root's manifest.json, which must be a model manifest hashing to `hash`. */
async function fetchManifest(
  access: RootAccess,
  candidate: Candidate,
  hash: Hex,
  options: Pick<FetchOptions, "signal" | "onProgress">,
): Promise<Manifest> {
  const refuse = (expected: string, actual: string) =>
    new PeerBytesRefusedError(candidate.peers.join(","), MANIFEST_FILE, expected, actual);
  access.setFile(MANIFEST_FILE);
  const entry = await exporter(`${candidate.root}/${MANIFEST_FILE}`, access.storage, { signal: options.signal });
  if ((entry.type !== "file" && entry.type !== "raw") || entry.size > MAX_MANIFEST_BYTES) {
    throw refuse(`a file of at most ${MAX_MANIFEST_BYTES} bytes`, `${entry.type} of ${entry.size} bytes`);
  }
  const bytes = concat(await collect(entry.content({ signal: options.signal })));
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw refuse("JSON", "unparseable bytes");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw refuse("a model manifest", "another JSON document");
  const actualHash = hashOf(parsed.data);
  if (actualHash !== hash) throw refuse(`manifest hash ${hash}`, `manifest hash ${actualHash}`);
  const totalBytes = parsed.data.files.reduce((s, f) => s + f.size, 0);
  options.onProgress?.({
    type: "manifest",
    root: candidate.root.toString(),
    files: parsed.data.files.length,
    totalBytes,
  });
  return parsed.data;
}

async function fetchFromRoot(
  ctx: FetchContext,
  hash: Hex,
  targetDir: string,
  candidate: Candidate,
  owner: string,
  counters: { fetched: number; resumed: number },
  options: FetchOptions,
): Promise<{ manifest: Manifest; imported: ImportedModel; result: FetchResult }> {
  const refuse = (file: string, expected: string, actual: string) =>
    new PeerBytesRefusedError(candidate.peers.join(","), file, expected, actual);
  const access = rootAccess(ctx, candidate, options);
  const { storage, getBlock } = access;

  // 1. The manifest, which must hash to what was asked for, and fit in maxBytes.
  const manifest = await fetchManifest(access, candidate, hash, options);
  const totalBytes = manifest.files.reduce((s, f) => s + f.size, 0);
  const diskBytes = modelDiskBytes(manifest);
  if (options.maxBytes !== undefined && diskBytes > options.maxBytes) {
    throw new ModelTooLargeError(hash, diskBytes, options.maxBytes);
  }

  // 2. The partial folder: the canonical manifest, and nothing that is not listed in it.
  const partial = partialDirOf(targetDir);
  await mkdir(partial, { recursive: true });
  const listed = new Set([MANIFEST_FILE, ...manifest.files.map((f) => f.path)]);
  for (const path of await listFiles(partial)) if (!listed.has(path)) await rm(join(partial, path), { force: true });
  await writeFile(join(partial, MANIFEST_FILE), formatManifest(manifest));
  // The engine's own checks on the manifest (required files, no path listed twice): a model
  // that fails them is unusable whoever serves it.
  await readManifest(partial);

  // 3. Every file, block by block, then its size and sha256.
  let done = 0;
  const files: ImportedModel["files"][number][] = [];
  for (const f of manifest.files) {
    access.setFile(f.path);
    const entry = await exporter(`${candidate.root}/${f.path}`, storage, { signal: options.signal });
    if (entry.type !== "file" && entry.type !== "raw") throw refuse(f.path, "a file", `a ${entry.type}`);
    if (entry.size !== BigInt(f.size)) throw refuse(f.path, `${f.size} bytes`, `${entry.size} bytes`);
    let leaves: Leaf[];
    try {
      leaves = await fileLeaves(entry.cid, f.size, getBlock);
    } catch (e) {
      if (e instanceof DagLayoutError) throw refuse(f.path, "a UnixFS file of raw leaves", e.message);
      throw e;
    }
    const path = join(partial, f.path);
    await mkdir(dirname(path), { recursive: true });
    await writeLeaves(
      path,
      f.size,
      leaves,
      ctx.concurrency,
      async (leaf) => {
        const block = await getBlock(leaf.cid);
        if (block.length !== leaf.length)
          throw refuse(f.path, `a block of ${leaf.length} bytes`, `${block.length} bytes`);
        return block;
      },
      async (leaf, resumed) => {
        if (resumed) counters.resumed += leaf.length;
        else counters.fetched += leaf.length;
        done += leaf.length;
        // The leaf now lives in the partial file and is served from there (to this fetch too,
        // should the same chunk recur): the store keeps no second copy, and the network is never
        // asked twice for a block (bitswap peers ignore a repeated want for a few seconds).
        ctx.store.addFileRefs(owner, path, [leaf]);
        if (!resumed) await ctx.store.deleteStored(leaf.cid);
        options.onProgress?.({
          type: "bytes",
          file: f.path,
          doneBytes: done,
          totalBytes,
          fetchedBytes: counters.fetched,
          resumedBytes: counters.resumed,
        });
      },
    );
    const actual = await sha256File(path);
    // A refused file stays in the partial folder, never visible: the next root re-hashes each
    // of its chunks and keeps only those that match its own DAG.
    if (actual !== f.sha256) throw refuse(f.path, `sha256 ${f.sha256}`, `sha256 ${actual}`);
    options.onProgress?.({ type: "file-verified", file: f.path });
    files.push({ path: f.path, sha256: f.sha256, size: f.size, cid: entry.cid });
  }

  // 4. Visible only now, and all at once.
  await rename(partial, targetDir);
  options.onProgress?.({ type: "done", fetchedBytes: counters.fetched, resumedBytes: counters.resumed });
  return {
    manifest,
    imported: { root: candidate.root, files },
    result: {
      manifestHash: hash,
      targetDir,
      status: "fetched",
      sizeBytes: diskBytes,
      fetchedBytes: counters.fetched,
      resumedBytes: counters.resumed,
      root: candidate.root.toString(),
      peers: candidate.peers,
    },
  };
}

/**
 * Writes `leaves` into `path` at their offsets, `concurrency` at a time. A leaf whose bytes
 * are already there (an earlier, interrupted try) is kept; the first failure stops the rest
 * and is rethrown once every write in flight has settled, so nothing writes to a closed file.
 */
async function writeLeaves(
  path: string,
  size: number,
  leaves: readonly Leaf[],
  concurrency: number,
  fetchLeaf: (leaf: Leaf) => Promise<Uint8Array>,
  onLeaf: (leaf: Leaf, resumed: boolean) => Promise<void>,
): Promise<void> {
  const fh = await open(path, constants.O_RDWR | constants.O_CREAT);
  try {
    if ((await fh.stat()).size > size) await fh.truncate(size);
    let next = 0;
    let failed = false;
    const inflight = new Map<string, Promise<Uint8Array>>();
    const worker = async () => {
      while (!failed && next < leaves.length) {
        const leaf = leaves[next++] as Leaf;
        const have = new Uint8Array(leaf.length);
        const { bytesRead } = await fh.read(have, 0, leaf.length, leaf.offset);
        if (bytesRead === leaf.length && leafMatches(leaf.cid, have)) {
          await onLeaf(leaf, true);
          continue;
        }
        // A chunk that recurs (runs of zeros in weights) is asked for once: concurrent wants of
        // one CID would race to store the same block.
        const key = leaf.cid.toString();
        const first = !inflight.has(key);
        if (first) inflight.set(key, fetchLeaf(leaf));
        try {
          const block = await (inflight.get(key) as Promise<Uint8Array>);
          await fh.write(block, 0, block.length, leaf.offset);
          await onLeaf(leaf, false);
        } finally {
          if (first) inflight.delete(key);
        }
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: Math.min(concurrency, leaves.length) }, () =>
        worker().catch((e: unknown) => {
          failed = true;
          throw e;
        }),
      ),
    );
    const failure = results.find((r) => r.status === "rejected");
    if (failure) throw failure.reason;
    await fh.sync();
  } finally {
    await fh.close();
  }
}

function anySignal(signal: AbortSignal | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

async function collect(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  return Buffer.concat(chunks);
}

async function listFiles(dir: string, root: string = dir): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full, root)));
    else out.push(relative(root, full).split(sep).join("/"));
  }
  return out;
}

/** Whether `dir` exists at all (file or folder). */
export async function exists(dir: string): Promise<boolean> {
  try {
    await stat(dir);
    return true;
  } catch {
    return false;
  }
}
