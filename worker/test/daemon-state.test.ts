// The daemon's own modules without a chain: the state file (a file an earlier version wrote
// still loads, in full, and saves back in the same format) and the stream buffer (sealed to
// the poster, replayed to a late reader, closed by done or error).
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { generateEncryptionKeyPair, openJson } from "@infergrid/sdk";
import { StateStore, loadState } from "../src/daemon/state.ts";
import { JobStreams, type StreamEvent } from "../src/daemon/streams.ts";

// Jobs in every phase, saved by the daemon's StateStore as it was before the daemon was split by
// role (main at d8efb12): a restarted daemon must resume from such a file.
const OLD_STATE = fileURLToPath(new URL("fixtures/state-v1.json", import.meta.url));

describe("state file", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("loads a state file of the unsplit daemon with every field, and writes it back unchanged", async () => {
    const original = JSON.parse(await readFile(OLD_STATE, "utf8")) as Record<string, unknown>;
    const state = await loadState(OLD_STATE, 0n);
    assert.equal(state.lastProcessedBlock, "41");
    assert.deepEqual(
      Object.entries(state.jobs).map(([id, j]) => [id, j.phase]),
      [
        ["3", "accepted"],
        ["4", "committed"],
        ["5", "delivered"],
        ["6", "declined"],
      ],
    );
    // What a restart needs to resume: the salt of an unrevealed commitment, the computed output, the challenge end.
    assert.equal(state.jobs["4"]!.salt, `0x${"22".repeat(32)}`);
    assert.deepEqual(state.jobs["4"]!.output?.outputTokenIds, [1, 2]);
    assert.equal(state.jobs["5"]!.challengeEndsAt, 1796404200);

    const dir = await mkdtemp(join(tmpdir(), "infergrid-state-"));
    dirs.push(dir);
    const store = new StateStore(join(dir, "state.json"), state);
    await store.save();
    // The file it writes is the old one plus the validator's (empty) votes the loader fills in.
    assert.deepEqual(JSON.parse(await readFile(store.file, "utf8")), { ...original, votes: {} });
  });

  it("setPhase moves a job on, notes why and saves; a missing file starts from the given block", async () => {
    const dir = await mkdtemp(join(tmpdir(), "infergrid-state-"));
    dirs.push(dir);
    const file = join(dir, "nested", "state.json");
    const store = new StateStore(file, await loadState(file, 100n));
    assert.equal(store.state.lastProcessedBlock, "99");
    store.state.jobs["7"] = {
      phase: "accepted",
      modelId: "1",
      redundancy: 1,
      deadline: 0,
      sealedInput: "0x",
      inputHash: "0x00",
      poster: "0x00",
      txs: [],
      updatedAt: 0,
    };
    await store.setPhase(store.state.jobs["7"], "failed", "deadline passed");
    const saved = await loadState(file, 0n);
    assert.equal(saved.jobs["7"]?.phase, "failed");
    assert.equal(saved.jobs["7"]?.reason, "deadline passed");
    assert.ok((saved.jobs["7"]?.updatedAt ?? 0) > 0);
  });
});

describe("stream buffer", () => {
  const poster = generateEncryptionKeyPair();

  it("seals each token to the poster, replays to a late reader and closes on done", () => {
    const streams = new JobStreams();
    const s = streams.open("1", poster.publicKey);
    const live: StreamEvent[] = [];
    s.listeners.add((e) => live.push(e));
    s.push({ index: 0, tokenId: 15496, text: "Hello" });
    s.push({ index: 1, tokenId: 11, text: "," });
    s.done({ finishReason: "length", outputTokens: 2 });
    assert.equal(s.closed, true);
    // A reader that connects now gets every event in order from `events`; a listener got them live.
    assert.deepEqual(live, s.events);
    assert.deepEqual(
      streams.get("1")!.events.map((e) => [e.event, openJson(poster.privateKey, e.data as `0x${string}`)]),
      [
        ["token", { index: 0, tokenId: 15496, text: "Hello" }],
        ["token", { index: 1, tokenId: 11, text: "," }],
        ["done", { finishReason: "length", outputTokens: 2 }],
      ],
    );
    // Nobody else can read them.
    assert.throws(() => openJson(generateEncryptionKeyPair().privateKey, s.events[0]!.data as `0x${string}`));
  });

  it("fails with a plain-text error event; a re-run starts the job's stream over", () => {
    const streams = new JobStreams();
    streams.open("2", poster.publicKey).push({ index: 0, tokenId: 1, text: "a" });
    streams.fail("2", "engine crashed");
    assert.deepEqual(streams.get("2")!.events.at(-1), { event: "error", data: "engine crashed" });
    assert.equal(streams.get("2")!.closed, true);
    streams.fail("missing", "ignored");
    assert.equal(streams.get("missing"), undefined);
    const again = streams.open("2", poster.publicKey);
    assert.deepEqual([again.events, again.closed], [[], false]);
  });
});
