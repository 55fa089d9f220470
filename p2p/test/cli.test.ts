import assert from "node:assert/strict";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { manifestHash, readManifest, verifyModelFolder } from "@infergrid/engine";
import { sandbox, TINY_MODEL_DIR } from "./helpers.ts";

const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const run = promisify(execFile);
const box = sandbox();

/** Runs the CLI to completion; resolves with its exit code and output, never rejects. */
async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return cliIn({}, ...args);
}

async function cliIn(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      timeout: 60_000,
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe("infergrid-p2p", { timeout: 180_000 }, () => {
  let seeding: ChildProcess | undefined;
  after(async () => {
    if (seeding && seeding.exitCode === null) {
      seeding.kill("SIGTERM");
      await once(seeding, "exit");
    }
    await box.cleanup();
  });

  it("--help names the two commands", async () => {
    const { code, stdout } = await cli("--help");
    assert.equal(code, 0);
    assert.match(stdout, /Usage: infergrid-p2p/);
    assert.match(stdout, /seed \[options\] <folder\.\.\.>/);
    assert.match(stdout, /fetch \[options\] <manifestHash> <dir>/);
  });

  it("seed publishes a model; fetch gets it by manifest hash from that peer; SIGTERM stops the seeder", async () => {
    const repo = await box.dir("p2p-repo-");
    seeding = spawn(process.execPath, [CLI, "seed", TINY_MODEL_DIR, "--repo", repo, "--json"], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const [line] = (await once(createInterface({ input: seeding.stdout as NodeJS.ReadableStream }), "line")) as [
      string,
    ];
    const announced = JSON.parse(line) as { peerId: string; multiaddrs: string[]; models: { manifestHash: string }[] };
    const hash = manifestHash(await readManifest(TINY_MODEL_DIR));
    assert.deepEqual(
      announced.models.map((m) => m.manifestHash),
      [hash],
    );

    const target = join(await box.dir(), "tiny");
    const tmp = await box.dir();
    const fetched = await cliIn(
      { TMPDIR: tmp },
      "fetch",
      hash,
      target,
      "--peer",
      announced.multiaddrs[0] ?? "",
      "--json",
    );
    assert.equal(fetched.code, 0, fetched.stderr);
    assert.deepEqual(await readdir(tmp), [], "the temporary node repo is removed");
    assert.equal(JSON.parse(fetched.stdout).status, "fetched");
    assert.match(fetched.stderr, /verified onnx\/model\.onnx/);
    assert.equal((await verifyModelFolder(target)).modelHash, hash);

    seeding.kill("SIGTERM");
    const [exitCode] = await once(seeding, "exit");
    assert.equal(exitCode, 0);
  });

  it("fetch exits 1 with the error's code", async () => {
    const bad = await cli("fetch", "0x1234", join(await box.dir(), "x"), "--peer", "/ip4/127.0.0.1/tcp/1");
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /error \[INVALID_OPTIONS\]: invalid manifest hash/);
    const missing = await cli("seed", join(await box.dir(), "nothing-here"), "--repo", await box.dir());
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /error \[SEED_REFUSED\]/);
  });
});
