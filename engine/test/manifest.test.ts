import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { keccak256 } from "viem";
import {
  InvalidManifestError,
  ModelFileMismatchError,
  canonicalManifestBytes,
  loadModel,
  manifestHash,
  readManifest,
  sha256File,
  verifyModelFolder,
} from "../src/index.ts";
import { TINY_MODEL_DIR } from "./helpers/paths.ts";

describe("model manifest", () => {
  let work: string;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), "infergrid-manifest-"));
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  const copyModel = async (name: string) => {
    const dir = join(work, name);
    await cp(TINY_MODEL_DIR, dir, { recursive: true });
    return dir;
  };

  it("accepts the committed test model and derives its hash from the canonical manifest", async () => {
    const { manifest, modelHash } = await verifyModelFolder(TINY_MODEL_DIR);
    assert.equal(modelHash, keccak256(canonicalManifestBytes(manifest)));
    assert.match(modelHash, /^0x[0-9a-f]{64}$/);
    const model = await loadModel(TINY_MODEL_DIR);
    assert.equal(model.modelHash, modelHash);
    await model.close();
  });

  it("refuses a changed weight file, naming the file and both hashes", async () => {
    const dir = await copyModel("changed");
    const path = join(dir, "onnx", "model.onnx");
    const bytes = await readFile(path);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    await writeFile(path, bytes);
    const expected = (await readManifest(dir)).files.find((f) => f.path === "onnx/model.onnx")!.sha256;
    const actual = await sha256File(path);
    await assert.rejects(loadModel(dir), (e: unknown) => {
      assert.ok(e instanceof ModelFileMismatchError);
      assert.equal(e.file, "onnx/model.onnx");
      assert.equal(e.expectedSha256, expected);
      assert.equal(e.actualSha256, actual);
      assert.ok(e.message.includes(expected) && e.message.includes(actual) && e.message.includes("onnx/model.onnx"));
      return true;
    });
  });

  it("refuses a changed tokenizer file", async () => {
    const dir = await copyModel("tokenizer");
    const path = join(dir, "tokenizer_config.json");
    await writeFile(path, (await readFile(path, "utf8")).replace("<|im_start|>assistant", "<|im_start|>helper"));
    await assert.rejects(
      verifyModelFolder(dir),
      (e: unknown) => e instanceof ModelFileMismatchError && e.file === "tokenizer_config.json",
    );
  });

  it("refuses a missing file, an unlisted weight file, and a folder without manifest", async () => {
    const missing = await copyModel("missing");
    await rm(join(missing, "config.json"));
    await assert.rejects(
      verifyModelFolder(missing),
      (e: unknown) => e instanceof ModelFileMismatchError && e.actualSha256 === null,
    );

    const extra = await copyModel("extra");
    await writeFile(join(extra, "onnx", "model.onnx_data"), "weights nobody hashed");
    await assert.rejects(verifyModelFolder(extra), InvalidManifestError);

    const bare = await copyModel("bare");
    await rm(join(bare, "manifest.json"));
    await assert.rejects(loadModel(bare), InvalidManifestError);
  });

  it("refuses a manifest that leaves out a required file", async () => {
    const dir = await copyModel("partial");
    const manifest = await readManifest(dir);
    const partial = { ...manifest, files: manifest.files.filter((f) => f.path !== "tokenizer.json") };
    await writeFile(join(dir, "manifest.json"), JSON.stringify(partial));
    await assert.rejects(
      verifyModelFolder(dir),
      (e: unknown) => e instanceof InvalidManifestError && /tokenizer\.json/.test(e.message),
    );
  });

  it("manifest-cli writes a manifest whose hash loadModel then reports, and --check refuses a changed file", async () => {
    const run = promisify(execFile);
    const cli = join(import.meta.dirname, "..", "src", "manifest-cli.ts");
    const dir = await copyModel("cli");
    await writeFile(
      join(dir, "config.json"),
      (await readFile(join(dir, "config.json"), "utf8")).replace('"n_ctx": 1024', '"n_ctx": 1000'),
    );
    const { stdout } = await run(process.execPath, [cli, dir, "tiny-gpt2-edited"]);
    const model = await loadModel(dir);
    assert.ok(stdout.includes(model.modelHash));
    assert.equal(model.manifest.name, "tiny-gpt2-edited");
    await model.close();
    await writeFile(join(dir, "tokenizer.json"), "{}");
    await assert.rejects(run(process.execPath, [cli, "--check", dir]), (e: unknown) =>
      /ModelFileMismatchError|does not match/.test(String((e as { stderr?: string }).stderr)),
    );
  });

  it("hashes the same regardless of whitespace and file order in manifest.json", async () => {
    const manifest = await readManifest(TINY_MODEL_DIR);
    const dir = await copyModel("reordered");
    await writeFile(join(dir, "manifest.json"), JSON.stringify({ ...manifest, files: [...manifest.files].reverse() }));
    assert.equal((await verifyModelFolder(dir)).modelHash, manifestHash(manifest));
  });
});
