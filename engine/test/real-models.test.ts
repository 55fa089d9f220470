// Real models (Qwen2.5-0.5B/7B-Instruct, Llama-3.1-8B-Instruct) go through exactly the code
// path the test model does. Their weights cannot ship here, so their config.json,
// generation_config.json and tokenizer_config.json (chat template included) are fixtures, and
// everything that reads them runs on the fixtures.
import assert from "node:assert/strict";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { z } from "zod";
import { modelConfigSchema, generationConfigSchema, readJsonFile, tokenizerConfigSchema } from "../src/config.ts";
import {
  buildManifest,
  ChatTemplateError,
  createTokenizer,
  formatManifest,
  loadModel,
  UnsupportedGraphError,
} from "../src/index.ts";
import { FIXTURES_DIR, jobIdOf, TINY_MODEL_DIR } from "./helpers/paths.ts";

const QWEN_DEFAULT_SYSTEM =
  "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n";

async function tokenizerFor(fixture: string) {
  // The fixture's tokenizer_config with the test model's tokenizer.json (the real ones are 7-9 MB).
  const config = await readJsonFile(join(FIXTURES_DIR, fixture), "tokenizer_config.json", tokenizerConfigSchema);
  const json = JSON.parse(await readFile(join(TINY_MODEL_DIR, "tokenizer.json"), "utf8")) as unknown;
  return createTokenizer(json, config);
}

describe("real model folders (fixtures)", () => {
  it("reads the KV-cache shape and end tokens from each config.json", async () => {
    const expected = {
      "qwen2.5-0.5b-instruct": {
        modelType: "qwen2",
        numLayers: 24,
        numKvHeads: 2,
        headDim: 64,
        contextLength: 32768,
        vocabSize: 151936,
        eosTokenIds: [151645],
      },
      "qwen2.5-7b-instruct": {
        modelType: "qwen2",
        numLayers: 28,
        numKvHeads: 4,
        headDim: 128,
        contextLength: 32768,
        vocabSize: 152064,
        eosTokenIds: [151645],
      },
      "llama-3.1-8b-instruct": {
        modelType: "llama",
        numLayers: 32,
        numKvHeads: 8,
        headDim: 128,
        contextLength: 131072,
        vocabSize: 128256,
        eosTokenIds: [128001, 128008, 128009],
      },
    };
    for (const [fixture, want] of Object.entries(expected)) {
      assert.deepEqual(
        await readJsonFile(join(FIXTURES_DIR, fixture), "config.json", modelConfigSchema),
        want,
        fixture,
      );
      const gen = await readJsonFile(join(FIXTURES_DIR, fixture), "generation_config.json", generationConfigSchema);
      assert.ok(Array.isArray(gen.eos_token_id) && gen.eos_token_id.length >= 2, fixture);
    }
  });

  it("renders the Qwen2.5 chat template (default and own system prompt, multi-turn)", async () => {
    const tok = await tokenizerFor("qwen2.5-7b-instruct");
    assert.equal(
      tok.renderChat([{ role: "user", content: "Hi" }]),
      `${QWEN_DEFAULT_SYSTEM}<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n`,
    );
    assert.equal(
      tok.renderChat([
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "Bye" },
      ]),
      "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n",
    );
    // The template's special tokens come out as single ids, not as text.
    const ids = tok.promptIds({ messages: [{ role: "user", content: "Hi" }] });
    const imStart = tok.tokenizer.token_to_id("<|im_start|>")!;
    assert.equal(ids[0], imStart);
    assert.equal(ids.filter((id) => id === imStart).length, 3);
  });

  it("renders the Llama 3.1 chat template with a pinned date, never the clock", async () => {
    const tok = await tokenizerFor("llama-3.1-8b-instruct");
    const messages = [
      { role: "system", content: "You are terse. " },
      { role: "user", content: " Hi " },
    ];
    const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
    assert.equal(
      tok.renderChat(messages),
      `<|begin_of_text|>${header("system")}Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|>${header("user")}Hi<|eot_id|>${header("assistant")}`,
    );
    assert.match(tok.renderChat(messages, "2025-01-05"), /Today Date: 05 Jan 2025\n/);
    // Newer Llama templates call strftime_now(); it reads the pinned date too.
    const withClock = createTokenizer(
      JSON.parse(await readFile(join(TINY_MODEL_DIR, "tokenizer.json"), "utf8")) as unknown,
      {
        chat_template: '{{ strftime_now("%d %B %Y") }}|{{ messages[0].content }}',
      },
    );
    assert.equal(withClock.renderChat([{ role: "user", content: "x" }], "2026-11-23"), "23 November 2026|x");
  });

  it("raises ChatTemplateError for a template that raises, or a tokenizer without template", async () => {
    const json = JSON.parse(await readFile(join(TINY_MODEL_DIR, "tokenizer.json"), "utf8")) as unknown;
    const strict = createTokenizer(json, {
      chat_template:
        "{%- if messages[0]['role'] != 'user' %}{{ raise_exception('Conversation must start with a user message') }}{%- endif %}ok",
    });
    assert.equal(strict.renderChat([{ role: "user", content: "x" }]), "ok");
    assert.throws(
      () => strict.renderChat([{ role: "assistant", content: "x" }]),
      (e: unknown) => e instanceof ChatTemplateError && /must start with a user/.test(e.message),
    );
    const none = createTokenizer(json, {});
    assert.throws(() => none.renderChat([{ role: "user", content: "x" }]), ChatTemplateError);
  });

  describe("loading through the same path as the test model", () => {
    let work: string;
    before(async () => {
      work = await mkdtemp(join(tmpdir(), "infergrid-real-"));
    });
    after(async () => {
      await rm(work, { recursive: true, force: true });
    });

    const folderWith = async (name: string, replace: Record<string, string>) => {
      const dir = join(work, name);
      await cp(TINY_MODEL_DIR, dir, { recursive: true });
      for (const [file, from] of Object.entries(replace)) await cp(from, join(dir, file));
      await writeFile(join(dir, "manifest.json"), formatManifest(await buildManifest(dir, name)));
      return dir;
    };

    it("loads a folder whose tokenizer_config.json is Qwen2.5-Instruct and generates through its template", async () => {
      const dir = await folderWith("qwen-template", {
        "tokenizer_config.json": join(FIXTURES_DIR, "qwen2.5-0.5b-instruct", "tokenizer_config.json"),
      });
      const model = await loadModel(dir);
      const prompt = { messages: [{ role: "user", content: "Hello world!" }] };
      const r = await model.generate({ jobId: jobIdOf(9), prompt, maxTokens: 16 });
      assert.equal(
        model.tokenizer.decode(r.inputIds),
        `${QWEN_DEFAULT_SYSTEM}<|im_start|>user\nHello world!<|im_end|>\n<|im_start|>assistant\n`,
      );
      assert.equal(r.inputTokens, r.inputIds.length);
      assert.deepEqual(await model.verify(prompt, r.outputIds, r.fingerprint, { jobId: r.jobId, maxTokens: 16 }), {
        accepted: true,
      });
      await model.close();
    });

    it("refuses a graph that does not match config.json (Llama 3.1 config on the test graph)", async () => {
      const dir = await folderWith("llama-config", {
        "config.json": join(FIXTURES_DIR, "llama-3.1-8b-instruct", "config.json"),
      });
      await assert.rejects(loadModel(dir), (e: unknown) => e instanceof UnsupportedGraphError && /32/.test(e.message));
    });
  });

  it("keeps the fixtures valid JSON with a chat template", async () => {
    for (const fixture of ["qwen2.5-0.5b-instruct", "qwen2.5-7b-instruct", "llama-3.1-8b-instruct"]) {
      const cfg = await readJsonFile(join(FIXTURES_DIR, fixture), "tokenizer_config.json", tokenizerConfigSchema);
      assert.equal(z.string().min(100).safeParse(cfg.chat_template).success, true, fixture);
    }
  });
});
