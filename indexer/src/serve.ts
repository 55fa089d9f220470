// The local indexer: the subgraph's built mappings run against a chain's logs, the entities
// served at http://127.0.0.1:<port>/subgraphs/name/infergrid in The Graph's query dialect.
// In-process: `startIndexer(opts)`; from a shell: `node indexer/src/serve.ts --help`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { graphql, type GraphQLSchema } from "graphql";
import { z } from "zod";
import { buildQuerySchema } from "./graphql.ts";
import type { LogLevel } from "./host.ts";
import { Indexer } from "./indexer.ts";

export const SUBGRAPH_NAME = "infergrid";
export const SUBGRAPH_PATH = `/subgraphs/name/${SUBGRAPH_NAME}`;
// The subgraph package's `graph build` output: the compiled mappings and schema this serves.
const DEFAULT_BUILD_DIR = join(
  dirname(createRequire(import.meta.url).resolve("@infergrid/subgraph/package.json")),
  "build",
);

export const indexerOptionsSchema = z.object({
  rpc: z.url().default("http://127.0.0.1:8545"),
  deploymentId: z.string().min(1).default("chain-31337"),
  port: z.coerce.number().int().min(0).max(65535).default(8000),
  host: z.string().default("127.0.0.1"),
  stateDir: z.string().min(1).default(".infergrid/indexer"),
  buildDir: z.string().min(1).default(DEFAULT_BUILD_DIR),
  deploymentsDir: z.string().optional(),
  pollIntervalMs: z.coerce.number().int().min(20).default(500),
  quiet: z.boolean().default(false),
});

export type StartIndexerOptions = z.input<typeof indexerOptionsSchema> & {
  log?: (level: LogLevel, message: string) => void;
};

export type RunningIndexer = {
  /** The GraphQL endpoint. */
  url: string;
  indexer: Indexer;
  /** Resolves once `block` is indexed. */
  waitForBlock: (block: number, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const requestSchema = z.object({
  query: z.string().min(1),
  variables: z.record(z.string(), z.unknown()).nullish(),
  operationName: z.string().nullish(),
});

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    "content-type": "application/json",
    "access-control-allow-origin": "*",
    "access-control-allow-headers": "content-type",
    "access-control-allow-methods": "GET, POST, OPTIONS",
  });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse, schema: GraphQLSchema): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "OPTIONS") return send(res, 204, null);
  if (url.pathname !== SUBGRAPH_PATH) {
    return send(res, 404, { errors: [{ message: `No subgraph at ${url.pathname}; query ${SUBGRAPH_PATH}` }] });
  }
  let payload: unknown;
  if (req.method === "GET") {
    const vars = url.searchParams.get("variables");
    payload = {
      query: url.searchParams.get("query"),
      variables: vars ? JSON.parse(vars) : undefined,
      operationName: url.searchParams.get("operationName"),
    };
  } else if (req.method === "POST") {
    try {
      payload = JSON.parse(await readBody(req));
    } catch {
      return send(res, 400, { errors: [{ message: "The request body is not JSON" }] });
    }
  } else {
    return send(res, 405, { errors: [{ message: `Method ${req.method} is not allowed; POST a GraphQL request` }] });
  }
  const parsed = requestSchema.safeParse(payload);
  if (!parsed.success) return send(res, 400, { errors: [{ message: `Bad GraphQL request: ${parsed.error.message}` }] });
  const result = await graphql({
    schema,
    source: parsed.data.query,
    variableValues: parsed.data.variables ?? undefined,
    operationName: parsed.data.operationName ?? undefined,
  });
  send(res, 200, result);
}

/** Starts indexing (after catching up once) and serving; `close()` stops both. */
export async function startIndexer(options: StartIndexerOptions): Promise<RunningIndexer> {
  const opts = indexerOptionsSchema.parse(options);
  const log =
    options.log ??
    ((level: LogLevel, message: string) => {
      if (!opts.quiet || level === "error") console.log(`[indexer] ${level}: ${message}`);
    });
  const indexer = new Indexer({
    rpc: opts.rpc,
    deploymentId: opts.deploymentId,
    buildDir: opts.buildDir,
    stateDir: opts.stateDir,
    deploymentsDir: opts.deploymentsDir,
    pollIntervalMs: opts.pollIntervalMs,
    log,
  });
  const schema = buildQuerySchema(indexer.model, indexer.store, () => ({
    block: indexer.block,
    deployment: opts.deploymentId,
    hasIndexingErrors: indexer.fatalError !== null,
  }));
  await indexer.start();
  const server = createServer((req, res) => {
    handle(req, res, schema).catch((e: unknown) => send(res, 500, { errors: [{ message: (e as Error).message }] }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host}:${port}${SUBGRAPH_PATH}`;
  log("info", `serving ${url} (deployment ${opts.deploymentId}, indexed to block ${indexer.block.number})`);
  return {
    url,
    indexer,
    waitForBlock: (block, timeoutMs) => indexer.waitForBlock(block, timeoutMs),
    close: async () => {
      await indexer.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const HELP = `Usage: node indexer/src/serve.ts [options]

Indexes an InferGrid deployment with the subgraph's built mappings (subgraph/build, from
\`npm run build -w subgraph\`) and serves The Graph's query dialect at
http://<host>:<port>${SUBGRAPH_PATH}. Follows the chain head; resumes from its state file.

Options:
  --rpc <url>             JSON-RPC endpoint (default http://127.0.0.1:8545)
  --deployment-id <id>    Ignition deployment id under contracts/ignition/deployments (default chain-31337)
  --port <n>              HTTP port (default 8000; 0 picks a free one)
  --host <addr>           listen address (default 127.0.0.1)
  --state <dir>           where the state file is kept (default .infergrid/indexer)
  --build <dir>           the built subgraph (default subgraph/build)
  --poll <ms>             head polling interval (default 500)
  --quiet                 log errors only
  -h, --help              this text`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rpc: { type: "string" },
      "deployment-id": { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      state: { type: "string" },
      build: { type: "string" },
      poll: { type: "string" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const running = await startIndexer({
    rpc: values.rpc,
    deploymentId: values["deployment-id"],
    port: values.port,
    host: values.host,
    stateDir: values.state,
    buildDir: values.build,
    pollIntervalMs: values.poll,
    quiet: values.quiet,
  });
  console.log(`InferGrid indexer is up: ${running.url}`);
  const stop = () => {
    void running.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("indexer/src/serve.ts")) {
  main().catch((e: unknown) => {
    const message =
      e instanceof z.ZodError
        ? `bad option: ${e.issues.map((i) => `${i.path.join(".") || "option"}: ${i.message}`).join("; ")} (see --help)`
        : e instanceof Error
          ? e.message
          : String(e);
    console.error(`indexer: ${message}`);
    process.exit(1);
  });
}
