import assert from "node:assert/strict";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { generateTestModel } from "../scripts/gen-test-model.ts";
import { sha256File, verifyModelFolder } from "../src/index.ts";
import { TINY_MODEL_DIR } from "./helpers/paths.ts";

// Pinned: a change to the generator or to anything it depends on must show up here.
const TINY_MODEL_HASH = "0x0d5877b5b38710cbe249c73a860bf4cc9f5008416c953f44dbcfad25639a7798";
const TINY_MODEL_ONNX_SHA256 = "28dcb0eb597fcd635fa028afcb2e60654e1389a29c79dccffef00b412edb3cd9";

describe("gen-test-model", () => {
  it("regenerates models/tiny-gpt2 byte for byte", async () => {
    const out = await mkdtemp(join(tmpdir(), "infergrid-gen-"));
    try {
      const { modelHash } = await generateTestModel({ outDir: out, seed: 1, name: "tiny-gpt2" });
      assert.equal(modelHash, TINY_MODEL_HASH);
      assert.equal(await sha256File(join(out, "onnx", "model.onnx")), TINY_MODEL_ONNX_SHA256);
      const files = [
        "config.json",
        "generation_config.json",
        "manifest.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "onnx/model.onnx",
      ];
      for (const f of files) assert.equal(await sha256File(join(out, f)), await sha256File(join(TINY_MODEL_DIR, f)), f);
      assert.deepEqual((await readdir(out)).sort(), [
        "config.json",
        "generation_config.json",
        "manifest.json",
        "onnx",
        "tokenizer.json",
        "tokenizer_config.json",
      ]);
      assert.equal((await verifyModelFolder(TINY_MODEL_DIR)).modelHash, TINY_MODEL_HASH);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it("stays under 10 MB", async () => {
    assert.ok((await stat(join(TINY_MODEL_DIR, "onnx", "model.onnx"))).size < 10 * 1024 * 1024);
  });

  it("gives other weights, and so another model hash, for another seed", async () => {
    const out = await mkdtemp(join(tmpdir(), "infergrid-gen-"));
    try {
      const { modelHash } = await generateTestModel({ outDir: out, seed: 2, name: "tiny-gpt2" });
      assert.notEqual(modelHash, TINY_MODEL_HASH);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });
});
