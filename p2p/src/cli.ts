#!/usr/bin/env node
// infergrid-p2p: publish a model by seeding it, or fetch one by its manifest hash from peers.
import { rmSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { Command, InvalidArgumentError } from "commander";
import type { Hex } from "viem";
import { P2PError } from "./errors.ts";
import type { FetchProgress } from "./fetch.ts";
import { createModelNode } from "./node.ts";

const DEFAULT_REPO = join(homedir(), ".infergrid", "p2p");

const collect = (value: string, previous: string[] = []) => [...previous, value];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("a positive integer");
  return n;
};

function fail(e: unknown): never {
  const code = e instanceof P2PError ? e.code : "ERROR";
  console.error(`error [${code}]: ${(e as Error).message}`);
  process.exit(1);
}

const program = new Command()
  .name("infergrid-p2p")
  .description(
    "Share InferGrid model folders peer to peer (IPFS over libp2p). A model is named by its manifest hash " +
      "(its on-chain id); every file is checked against the manifest before it is used.",
  );

program
  .command("seed")
  .description("verify model folders against their manifests and serve them until stopped (Ctrl-C)")
  .argument("<folder...>", "model folders, each with its manifest.json (see infergrid-manifest)")
  .option("--repo <dir>", "the node's key, catalogue and DAG blocks (its peer id survives restarts)", DEFAULT_REPO)
  .option("--listen <multiaddr>", "listen address, repeatable", collect)
  .option("--announce <multiaddr>", "address to announce instead (public IP or DNS name), repeatable", collect)
  .option("--json", "print one JSON line instead of text")
  .action(async (folders: string[], opts: { repo: string; listen?: string[]; announce?: string[]; json?: boolean }) => {
    const node = await createModelNode({ repo: opts.repo, listen: opts.listen, announce: opts.announce }).catch(fail);
    const stop = async () => {
      await node.stop();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    const records = [];
    for (const folder of folders) records.push(await node.seedModel(folder).catch(fail));
    const models = records.map((r) => ({
      manifestHash: r.manifestHash,
      name: r.name,
      root: r.root,
      sizeBytes: r.sizeBytes,
    }));
    if (opts.json) {
      console.log(JSON.stringify({ peerId: node.peerId, multiaddrs: node.multiaddrs(), models }));
      return;
    }
    for (const m of models) {
      console.log(
        `seeding ${m.name} (${m.sizeBytes} bytes)\n  manifest hash ${m.manifestHash}\n  content root  ${m.root}`,
      );
    }
    console.log(
      `peer id ${node.peerId}\nlistening on\n${node
        .multiaddrs()
        .map((a) => `  ${a}`)
        .join("\n")}`,
    );
    const [first] = node.multiaddrs();
    if (first && models[0]) {
      console.log(`fetch with: infergrid-p2p fetch ${models[0].manifestHash} <dir> --peer ${first}`);
    }
  });

program
  .command("fetch")
  .description("fetch a model by manifest hash from peers into <dir>, verified file by file")
  .argument("<manifestHash>", "the model's manifest hash (its on-chain id), 0x + 64 hex")
  .argument("<dir>", "target folder; created when every file has verified (resumes a partial download)")
  .requiredOption("--peer <multiaddr>", "a peer that seeds it (/ip4/.../tcp/.../p2p/<id>), repeatable", collect)
  .option("--repo <dir>", "node repo (default: a temporary one, removed on exit)")
  .option("--block-timeout-ms <ms>", "give up on a peer that sends no block for this long", positiveInt, 30_000)
  .option("--json", "print the result as one JSON line; progress goes to stderr either way")
  .action(
    async (
      hash: string,
      dir: string,
      opts: { peer: string[]; repo?: string; blockTimeoutMs: number; json?: boolean },
    ) => {
      const repo = opts.repo ?? (await mkdtemp(join(tmpdir(), "infergrid-p2p-")));
      // at exit, not after stop(): libp2p's peer store still writes to the repo once stopped
      if (opts.repo === undefined) process.once("exit", () => rmSync(repo, { recursive: true, force: true }));
      const node = await createModelNode({ repo, blockTimeoutMs: opts.blockTimeoutMs }).catch(fail);
      const controller = new AbortController();
      process.once("SIGINT", () => controller.abort());
      let lastTenth = -1;
      const onProgress = (e: FetchProgress) => {
        if (e.type === "peer")
          console.error(`peer ${e.peer}: ${e.error ?? (e.root ? `root ${e.root}` : "does not seed it")}`);
        else if (e.type === "manifest") console.error(`manifest ok: ${e.files} files, ${e.totalBytes} bytes`);
        else if (e.type === "bytes") {
          const tenth = Math.floor((10 * e.doneBytes) / Math.max(e.totalBytes, 1));
          if (tenth !== lastTenth) console.error(`${tenth * 10}% (${e.doneBytes} of ${e.totalBytes} bytes)`);
          lastTenth = tenth;
        } else if (e.type === "file-verified") console.error(`verified ${e.file}`);
        else if (e.type === "refused") console.error(`refused ${e.file} from ${e.peer}`);
      };
      try {
        const result = await node.fetchModel(hash as Hex, dir, {
          peers: opts.peer,
          onProgress,
          signal: controller.signal,
          seed: false,
        });
        if (opts.json) console.log(JSON.stringify(result));
        else {
          console.log(
            result.status === "present"
              ? `${result.targetDir} already holds model ${result.manifestHash}`
              : `fetched model ${result.manifestHash} into ${result.targetDir} (${result.fetchedBytes} bytes from peers, ${result.resumedBytes} resumed)`,
          );
        }
      } catch (e) {
        await node.stop();
        fail(e);
      }
      await node.stop();
    },
  );

await program.parseAsync(process.argv);
