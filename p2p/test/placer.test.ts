import assert from "node:assert/strict";
import { existsSync, readdirSync, statSync } from "node:fs";
import { cp, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildManifest, formatManifest, manifestHash, verifyModelFolder } from "@infergrid/engine";
import type { Hex } from "viem";
import { partialDirOf } from "../src/fetch.ts";
import type { ModelNode } from "../src/node.ts";
import { ModelPlacer } from "../src/placer.ts";
import type { ModelDemand } from "../src/placement.ts";
import { sandbox, TINY_MODEL_DIR } from "./helpers.ts";

const box = sandbox();

/** Bytes of every file under `dir`, read synchronously so a progress callback can sample it. */
function bytesUnderSync(dir: string): number {
  let total = 0;
  if (!existsSync(dir)) return 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += statSync(join(e.parentPath, e.name)).size;
  }
  return total;
}

/** A model folder derived from tiny-gpt2: another name, optionally an extra file; manifest rebuilt. */
async function variant(
  into: string,
  name: string,
  extraBytes = 0,
): Promise<{ folder: string; hash: Hex; disk: number }> {
  const folder = join(into, name);
  await cp(TINY_MODEL_DIR, folder, { recursive: true });
  if (extraBytes > 0) await writeFile(join(folder, "extra.bin"), Buffer.alloc(extraBytes, 0x5a));
  const manifest = await buildManifest(folder, name);
  await writeFile(join(folder, "manifest.json"), formatManifest(manifest));
  return { folder, hash: manifestHash(manifest), disk: bytesUnderSync(folder) };
}

describe("ModelPlacer applies placement decisions within the disk budget", { timeout: 240_000 }, () => {
  let seeder: ModelNode;
  let node: ModelNode;
  let placer: ModelPlacer;
  let modelsDir: string;
  let T: { folder: string; hash: Hex; disk: number };
  let B: { folder: string; hash: Hex; disk: number };
  let C: { folder: string; hash: Hex; disk: number };
  let budget: number;
  const busy = new Set<Hex>();
  let peakBytes = 0;

  before(async () => {
    const dir = await box.dir();
    T = {
      folder: TINY_MODEL_DIR,
      hash: (await verifyModelFolder(TINY_MODEL_DIR)).modelHash,
      disk: bytesUnderSync(TINY_MODEL_DIR),
    };
    B = await variant(dir, "tiny-b", 1 << 20);
    C = await variant(dir, "tiny-c");
    seeder = await box.node();
    for (const m of [T, B, C]) await seeder.seedModel(m.folder);
    // room for T and B, or T and C, never for all three
    budget = T.disk + B.disk + Math.floor(C.disk / 2);
    modelsDir = join(await box.dir(), "models");
    node = await box.node();
    placer = new ModelPlacer({
      node,
      modelsDir,
      diskBudgetBytes: budget,
      peers: seeder.multiaddrs(),
      isBusy: (hash) => busy.has(hash),
      onProgress: () => {
        peakBytes = Math.max(peakBytes, bytesUnderSync(modelsDir));
      },
    });
  });
  after(() => box.cleanup());

  const demand = (fees: [bigint, bigint, bigint]): ModelDemand[] =>
    [T, B, C].map((m, i) => ({
      manifestHash: m.hash,
      sizeBytes: m.disk,
      jobs: 1,
      tokens: 100,
      fees: fees[i] ?? 0n,
      workers: 1,
    }));

  it("fetches the best earners that fit, verified and seeded, and never passes the budget", async () => {
    // per GB (shared with the seeder): T 300/2/4.25 MB > B 200/2/5.3 MB > C 100/2/4.25 MB; T and B fit, C not
    const decision = await placer.decide(demand([300n, 200n, 100n]), () => 0);
    assert.deepEqual(decision.fetch, [T.hash, B.hash]);
    assert.deepEqual(decision.drop, []);
    const report = await placer.apply(decision);
    assert.deepEqual(report.failed, []);
    assert.deepEqual(
      report.fetched.map((f) => [f.manifestHash, f.sizeBytes]),
      [
        [T.hash, T.disk],
        [B.hash, B.disk],
      ],
    );
    assert.deepEqual(report.failed, []);
    assert.equal(report.usedBytes, T.disk + B.disk);
    assert.ok(report.usedBytes <= budget);
    assert.ok(peakBytes > 0 && peakBytes <= budget, `peak ${peakBytes} of ${budget}`);
    for (const m of [T, B]) assert.equal((await verifyModelFolder(placer.folderOf(m.hash))).modelHash, m.hash);
    assert.deepEqual(
      (await placer.held()).map((h) => h.manifestHash),
      [T.hash, B.hash].sort(),
    );
    assert.deepEqual(
      node
        .seeded()
        .map((r) => r.manifestHash)
        .sort(),
      [T.hash, B.hash].sort(),
    );
  });

  it("drops a model that lost its demand to make room, and keeps one with open jobs", async () => {
    busy.add(T.hash);
    // C now earns most; T has an open job (kept whatever it earns); B earns nothing
    const decision = await placer.decide(demand([0n, 0n, 10_000n]), (hash) => (busy.has(hash) ? 1 : 0));
    assert.deepEqual(decision.keep, [T.hash]);
    assert.deepEqual(decision.fetch, [C.hash]);
    assert.deepEqual(decision.drop, [B.hash]);
    const report = await placer.apply(decision);
    assert.deepEqual(report.dropped, [{ manifestHash: B.hash, sizeBytes: B.disk }]);
    assert.deepEqual(
      report.fetched.map((f) => f.manifestHash),
      [C.hash],
    );
    assert.equal(report.usedBytes, T.disk + C.disk);
    assert.ok(peakBytes <= budget, `peak ${peakBytes} of ${budget}`);
    await assert.rejects(stat(placer.folderOf(B.hash)), { code: "ENOENT" });
    assert.deepEqual(
      node
        .seeded()
        .map((r) => r.manifestHash)
        .sort(),
      [T.hash, C.hash].sort(),
    );
  });

  it("refuses to drop a busy model even when a decision says so", async () => {
    const report = await placer.apply({ fetch: [], drop: [T.hash] });
    assert.deepEqual(report.kept, [{ manifestHash: T.hash, reason: "busy" }]);
    assert.deepEqual(report.dropped, []);
    assert.equal((await verifyModelFolder(placer.folderOf(T.hash))).modelHash, T.hash);
    busy.delete(T.hash);
  });

  it("refuses a fetch the budget cannot hold, whatever the decision assumed, before writing anything", async () => {
    const report = await placer.apply({ fetch: [B.hash], drop: [] });
    assert.deepEqual(report.fetched, []);
    assert.equal(report.failed.length, 1);
    assert.equal(report.failed[0]?.manifestHash, B.hash);
    assert.equal(report.failed[0]?.code, "MODEL_TOO_LARGE");
    assert.equal(report.usedBytes, T.disk + C.disk);
    await assert.rejects(stat(partialDirOf(placer.folderOf(B.hash))), { code: "ENOENT" });
  });

  it("reports a model no peer seeds as failed and goes on with the rest", async () => {
    const unknown = `0x${"cd".repeat(32)}` as Hex;
    const report = await placer.apply({ fetch: [unknown], drop: [C.hash] });
    assert.deepEqual(report.dropped, [{ manifestHash: C.hash, sizeBytes: C.disk }]);
    assert.deepEqual(
      report.failed.map((f) => [f.manifestHash, f.code]),
      [[unknown, "MODEL_NOT_FOUND"]],
    );
    assert.equal(report.usedBytes, T.disk);
  });
});
