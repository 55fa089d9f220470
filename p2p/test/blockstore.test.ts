import assert from "node:assert/strict";
import { cp, open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { readManifest } from "@infergrid/engine";
import { NotFoundError } from "interface-store";
import { ModelBlockstore } from "../src/blockstore.ts";
import { CHUNK_SIZE, fileLeaves, leafMatches } from "../src/dag.ts";
import { importModelFolder } from "../src/importer.ts";
import { sandbox, TINY_MODEL_DIR } from "./helpers.ts";

const box = sandbox();

async function bytesOf(store: ModelBlockstore, cid: Parameters<ModelBlockstore["get"]>[0]): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of store.get(cid)) chunks.push(c);
  return Buffer.concat(chunks);
}

describe("ModelBlockstore", () => {
  after(() => box.cleanup());

  it("imports a model without storing its file chunks, then serves each chunk from the file, hash-checked", async () => {
    const folder = join(await box.dir(), "tiny");
    await cp(TINY_MODEL_DIR, folder, { recursive: true });
    const store = new ModelBlockstore(join(await box.dir(), "blocks"));
    await store.open();
    const manifest = await readManifest(folder);
    const imported = await importModelFolder(store, folder, manifest);
    const onnx = imported.files.find((f) => f.path === "onnx/model.onnx");
    assert.ok(onnx);
    const leaves = await fileLeaves(onnx.cid, onnx.size, (cid) => bytesOf(store, cid));
    // 4 235 288 bytes in 256 KiB chunks: 16 full ones and a last of 41 000 bytes
    assert.equal(leaves.length, Math.ceil(onnx.size / CHUNK_SIZE));
    assert.equal(leaves.at(-1)?.length, onnx.size - 16 * CHUNK_SIZE);
    for (const leaf of leaves) assert.equal(await store.has(leaf.cid), false, "no chunk is stored");

    const path = join(folder, "onnx", "model.onnx");
    store.addFileRefs("tiny", path, leaves);
    const file = await readFile(path);
    for (const leaf of leaves) {
      const bytes = await bytesOf(store, leaf.cid);
      assert.ok(bytes.equals(file.subarray(leaf.offset, leaf.offset + leaf.length)));
      assert.ok(leafMatches(leaf.cid, bytes));
    }

    // the file changes on disk: the changed chunk is no longer served, the others still are
    const fh = await open(path, "r+");
    await fh.write(new Uint8Array([1, 2, 3]), 0, 3, CHUNK_SIZE + 10);
    await fh.close();
    const [first, second] = leaves;
    assert.ok(first && second);
    await assert.rejects(bytesOf(store, second.cid), NotFoundError);
    assert.equal(await store.has(second.cid), false);
    assert.ok((await bytesOf(store, first.cid)).length === CHUNK_SIZE);

    store.removeRefs("tiny");
    assert.equal(await store.has(first.cid), false);
    await store.close();
  });
});
