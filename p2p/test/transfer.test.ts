import assert from "node:assert/strict";
import { cp, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildManifest, loadModel, manifestHash, readManifest, verifyModelFolder } from "@infergrid/engine";
import type { Hex } from "viem";
import { CHUNK_SIZE } from "../src/dag.ts";
import {
  FetchAbortedError,
  ModelNotFoundError,
  ModelTooLargeError,
  SeedRefusedError,
  TargetExistsError,
} from "../src/errors.ts";
import { partialDirOf, type FetchProgress } from "../src/fetch.ts";
import type { ModelNode } from "../src/node.ts";
import { emptyClaimNode, liarNode, sandbox, tamperedCopy, TINY_MODEL_DIR } from "./helpers.ts";

const box = sandbox();
let seeder: ModelNode;
let hash: Hex;
let totalBytes: number;
/** files plus manifest.json: what the folder takes on disk */
let diskBytes: number;
let onnxSha: string;

/** Bytes a folder takes on disk (all regular files below it). */
async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}

describe("seed and fetch over libp2p on loopback", { timeout: 240_000 }, () => {
  before(async () => {
    const manifest = await readManifest(TINY_MODEL_DIR);
    hash = manifestHash(manifest);
    totalBytes = manifest.files.reduce((s, f) => s + f.size, 0);
    diskBytes = totalBytes + (await stat(join(TINY_MODEL_DIR, "manifest.json"))).size;
    onnxSha = manifest.files.find((f) => f.path === "onnx/model.onnx")?.sha256 ?? "";
    seeder = await box.node();
    await seeder.seedModel(TINY_MODEL_DIR);
  });
  after(() => box.cleanup());

  it("seeds tiny-gpt2 under its manifest hash, with each file's sha256 mapped to its CID", async () => {
    const [record] = seeder.seeded();
    assert.equal(record?.manifestHash, hash);
    assert.equal(record?.sizeBytes, diskBytes);
    const manifest = await readManifest(TINY_MODEL_DIR);
    assert.deepEqual(
      record?.files.map((f) => [f.path, f.sha256, f.size]),
      manifest.files.map((f) => [f.path, f.sha256, f.size]),
    );
    assert.ok(
      record?.files.every((f) => f.cid.startsWith("b")),
      "CIDv1 in base32",
    );
    assert.deepEqual(seeder.announcement().models, [hash]);
    assert.ok(
      seeder.multiaddrs().every((a) => a.startsWith("/ip4/127.0.0.1/tcp/") && a.endsWith(`/p2p/${seeder.peerId}`)),
    );
  });

  it("fetches by manifest hash into a folder that verifies and generates exactly like the original", async () => {
    const fetcher = await box.node();
    const target = join(await box.dir(), "tiny");
    const events: FetchProgress[] = [];
    const result = await fetcher.fetchModel(hash, target, {
      peers: seeder.multiaddrs(),
      onProgress: (e) => events.push(e),
    });
    assert.equal(result.status, "fetched");
    assert.equal(result.fetchedBytes, totalBytes);
    assert.equal(result.resumedBytes, 0);
    assert.deepEqual(result.peers, [seeder.peerId]);
    assert.equal(result.sizeBytes, diskBytes);
    assert.equal((await verifyModelFolder(target)).modelHash, hash);
    await assert.rejects(stat(partialDirOf(target)), { code: "ENOENT" });
    // progress: the peer's answer, the manifest, bytes up to the total, every file verified, done
    assert.deepEqual(events[0], {
      type: "peer",
      peer: seeder.peerId,
      root: seeder.seeded()[0]?.root,
      error: undefined,
    });
    assert.deepEqual(events.filter((e) => e.type === "file-verified").length, 5);
    const last = events.at(-1);
    assert.deepEqual(last, { type: "done", fetchedBytes: totalBytes, resumedBytes: 0 });

    const original = await loadModel(TINY_MODEL_DIR);
    const copy = await loadModel(target);
    try {
      const request = { jobId: `0x${"11".repeat(32)}` as Hex, prompt: "The worker", maxTokens: 12 };
      const a = await original.generate(request);
      const b = await copy.generate(request);
      assert.equal(copy.modelHash, hash);
      assert.deepEqual(b.outputIds, a.outputIds);
      assert.equal(b.text, a.text);
      assert.equal(b.commitment, a.commitment);
    } finally {
      await original.close();
      await copy.close();
    }

    // The fetcher now seeds the model too, and keeps its bytes once: in the model folder, not
    // again in its block store (which holds the DAG's inner nodes: far below one chunk).
    assert.equal(fetcher.seeded()[0]?.folder, target);
    const third = await box.node();
    const again = await third.fetchModel(hash, join(await box.dir(), "tiny"), { peers: fetcher.multiaddrs() });
    assert.equal(again.fetchedBytes, totalBytes);
    assert.deepEqual(again.peers, [fetcher.peerId]);
  });

  it("resolves a model's manifest and size from a peer without fetching its files", async () => {
    const node = await box.node();
    const resolved = await node.resolveModel(hash, { peers: seeder.multiaddrs() });
    assert.equal(manifestHash(resolved.manifest), hash);
    assert.equal(resolved.sizeBytes, diskBytes);
    assert.equal(resolved.root, seeder.seeded()[0]?.root);
    assert.deepEqual(resolved.peers, [seeder.peerId]);
  });

  it("keeps a fetched model's bytes once: the block store holds only the DAG's inner nodes", async () => {
    const repo = await box.dir("p2p-repo-");
    const fetcher = await box.node({ repo });
    await fetcher.fetchModel(hash, join(await box.dir(), "tiny"), { peers: seeder.multiaddrs() });
    const blockBytes = await bytesUnder(join(repo, "blocks"));
    // 17 leaf links of ~40 bytes, two directories and the ~1 kB manifest
    assert.ok(blockBytes < CHUNK_SIZE / 16, `block store holds ${blockBytes} bytes`);
  });

  it("refuses to seed a folder whose files do not match its manifest", async () => {
    const tampered = await tamperedCopy(await box.dir());
    const node = await box.node();
    await assert.rejects(node.seedModel(tampered), (e: unknown) => {
      assert.ok(e instanceof SeedRefusedError);
      assert.equal(e.code, "SEED_REFUSED");
      assert.match(e.message, /onnx\/model\.onnx/);
      return true;
    });
    assert.deepEqual(node.seeded(), []);
  });

  it("refuses a peer whose bytes do not match the manifest, says which file, and fetches from an honest one", async () => {
    const dir = await box.dir();
    const tampered = await tamperedCopy(dir);
    const manifest = await readManifest(TINY_MODEL_DIR);
    const liar = await liarNode(await box.dir(), hash, tampered, manifest);
    box.track(liar.stop);
    const fetcher = await box.node();

    const target = join(dir, "only-liar");
    await assert.rejects(fetcher.fetchModel(hash, target, { peers: liar.multiaddrs }), (e: unknown) => {
      assert.ok(e instanceof ModelNotFoundError);
      assert.equal(e.code, "MODEL_NOT_FOUND");
      assert.equal(e.refusals.length, 1);
      assert.equal(e.refusals[0]?.code, "PEER_BYTES_REFUSED");
      assert.equal(e.refusals[0]?.peer, liar.peerId);
      assert.equal(e.refusals[0]?.file, "onnx/model.onnx");
      assert.equal(e.refusals[0]?.expected, `sha256 ${onnxSha}`);
      assert.match(e.message, /refused onnx\/model\.onnx/);
      return true;
    });
    await assert.rejects(stat(target), { code: "ENOENT" });

    const events: FetchProgress[] = [];
    const result = await fetcher.fetchModel(hash, target, {
      peers: [...liar.multiaddrs, ...seeder.multiaddrs()],
      onProgress: (e) => events.push(e),
    });
    assert.deepEqual(result.peers, [seeder.peerId]);
    // Nothing refused became visible, yet nothing that matches the honest DAG is fetched twice:
    // the honest root shares every chunk but the flipped one with the liar's, and the liar's
    // try stopped at onnx/model.onnx, before the two tokenizer files.
    const sizeOf = (path: string) => manifest.files.find((f) => f.path === path)?.size ?? 0;
    assert.equal(result.fetchedBytes, CHUNK_SIZE + sizeOf("tokenizer.json") + sizeOf("tokenizer_config.json"));
    assert.equal(result.resumedBytes, totalBytes - result.fetchedBytes);
    const refused = events.filter((e) => e.type === "refused");
    assert.deepEqual(
      refused.map((e) => [e.peer, e.file]),
      [[liar.peerId, "onnx/model.onnx"]],
    );
    assert.equal((await verifyModelFolder(target)).modelHash, hash);
  });

  it("refuses a peer that answers with another model's manifest", async () => {
    const dir = await box.dir();
    const other = await tamperedCopy(dir);
    // a consistent model of its own (its manifest matches its bytes), offered under our hash
    const otherManifest = await buildManifest(other, "tiny-gpt2");
    const liar = await liarNode(await box.dir(), hash, other, otherManifest);
    box.track(liar.stop);
    const fetcher = await box.node();
    const refusesManifest = (e: unknown) => {
      assert.ok(e instanceof ModelNotFoundError);
      assert.equal(e.refusals[0]?.file, "manifest.json");
      assert.equal(e.refusals[0]?.expected, `manifest hash ${hash}`);
      assert.equal(e.refusals[0]?.actual, `manifest hash ${manifestHash(otherManifest)}`);
      return true;
    };
    await assert.rejects(fetcher.fetchModel(hash, join(dir, "t"), { peers: liar.multiaddrs }), refusesManifest);
    await assert.rejects(fetcher.resolveModel(hash, { peers: liar.multiaddrs }), refusesManifest);
    await assert.rejects(stat(partialDirOf(join(dir, "t"))), { code: "ENOENT" });
  });

  it("resumes an interrupted fetch after a restart, re-hashing what was written and re-fetching what was damaged", async () => {
    const repo = await box.dir("p2p-repo-");
    const target = join(await box.dir(), "tiny");
    const first = await box.node({ repo, concurrency: 2 });
    const controller = new AbortController();
    let doneAtAbort = 0;
    await assert.rejects(
      first.fetchModel(hash, target, {
        peers: seeder.multiaddrs(),
        signal: controller.signal,
        onProgress: (e) => {
          if (
            e.type === "bytes" &&
            e.file === "onnx/model.onnx" &&
            e.doneBytes > 6 * CHUNK_SIZE &&
            !controller.signal.aborted
          ) {
            doneAtAbort = e.doneBytes;
            controller.abort();
          }
        },
      }),
      (e: unknown) => {
        assert.ok(e instanceof FetchAbortedError);
        assert.equal(e.code, "FETCH_ABORTED");
        assert.ok(e.bytesDone >= doneAtAbort && e.bytesDone < totalBytes, `${e.bytesDone} bytes done`);
        return true;
      },
    );
    await assert.rejects(stat(target), { code: "ENOENT" });
    const partialOnnx = join(partialDirOf(target), "onnx", "model.onnx");
    assert.ok((await stat(partialOnnx)).size > 0);
    await first.stop();

    // damage the first chunk of what was written: it must be fetched again, not trusted
    const { open } = await import("node:fs/promises");
    const fh = await open(partialOnnx, "r+");
    await fh.write(new Uint8Array(64).fill(7), 0, 64, 0);
    await fh.close();

    const restarted = await box.node({ repo });
    assert.equal(restarted.peerId, first.peerId, "the peer id survives a restart");
    const result = await restarted.fetchModel(hash, target, { peers: seeder.multiaddrs() });
    assert.equal(result.status, "fetched");
    assert.equal(result.fetchedBytes + result.resumedBytes, totalBytes);
    assert.ok(result.resumedBytes > 0, "written blocks are kept");
    assert.ok(result.resumedBytes <= doneAtAbort + 2 * CHUNK_SIZE);
    assert.ok(result.fetchedBytes >= CHUNK_SIZE, "the damaged chunk is fetched again");
    assert.equal((await verifyModelFolder(target)).modelHash, hash);
  });

  it("serves again after a restart what it seeded before, and forgets a model whose folder is gone", async () => {
    const repo = await box.dir("p2p-repo-");
    const copy = join(await box.dir(), "copy");
    await cp(TINY_MODEL_DIR, copy, { recursive: true });
    const first = await box.node({ repo });
    await first.seedModel(copy);
    await first.stop();
    const again = await box.node({ repo });
    assert.equal(again.peerId, first.peerId);
    assert.deepEqual(
      again.seeded().map((r) => [r.manifestHash, r.folder]),
      [[hash, copy]],
    );
    const fetcher = await box.node();
    const result = await fetcher.fetchModel(hash, join(await box.dir(), "tiny"), { peers: again.multiaddrs() });
    assert.deepEqual(result.peers, [again.peerId]);
    await again.stop();

    await rm(copy, { recursive: true });
    const third = await box.node({ repo });
    assert.deepEqual(third.seeded(), []);
  });

  it("refuses before downloading a model larger than maxBytes", async () => {
    const fetcher = await box.node();
    const target = join(await box.dir(), "tiny");
    await assert.rejects(
      fetcher.fetchModel(hash, target, { peers: seeder.multiaddrs(), maxBytes: diskBytes - 1 }),
      (e: unknown) => e instanceof ModelTooLargeError && e.sizeBytes === diskBytes && e.maxBytes === diskBytes - 1,
    );
    await assert.rejects(stat(partialDirOf(target)), { code: "ENOENT" });
  });

  it("says what each peer answered when none delivers", async () => {
    const fetcher = await box.node({ blockTimeoutMs: 1_500 });
    const unknown = `0x${"ab".repeat(32)}` as Hex;
    const silent = await emptyClaimNode(hash, seeder.seeded()[0]?.root ?? "");
    box.track(silent.stop);
    await assert.rejects(
      fetcher.fetchModel(unknown, join(await box.dir(), "x"), { peers: seeder.multiaddrs() }),
      (e: unknown) =>
        e instanceof ModelNotFoundError && e.attempts.length === 1 && e.attempts[0]?.outcome === "does not seed it",
    );
    // a fresh node: bitswap asks every connected peer, and the first one is connected to the seeder
    const isolated = await box.node({ blockTimeoutMs: 1_500 });
    await assert.rejects(
      isolated.fetchModel(hash, join(await box.dir(), "x"), { peers: [...silent.multiaddrs, "not-a-multiaddr"] }),
      (e: unknown) => {
        assert.ok(e instanceof ModelNotFoundError);
        assert.deepEqual(
          e.attempts.map((a) => a.peer),
          ["not-a-multiaddr", silent.peerId],
        );
        assert.equal(e.attempts[0]?.outcome, "not a multiaddr");
        assert.match(e.attempts[1]?.outcome ?? "", /sent no block of manifest\.json within 1500 ms/);
        return true;
      },
    );
  });

  it("accepts a target that already holds the model and refuses one that holds something else", async () => {
    const fetcher = await box.node();
    const present = await fetcher.fetchModel(hash, TINY_MODEL_DIR, { peers: [], seed: false });
    assert.equal(present.status, "present");
    assert.equal(present.fetchedBytes, 0);
    const elsewhere = await tamperedCopy(await box.dir());
    await assert.rejects(
      fetcher.fetchModel(hash, elsewhere, { peers: seeder.multiaddrs() }),
      (e: unknown) => e instanceof TargetExistsError && e.code === "TARGET_EXISTS",
    );
  });
});
