// Runs the matchstick-as tests in tests/*.test.ts without matchstick's binary: compiles each file
// with graph-cli's AssemblyScript compiler (same flags as `graph build`, plus the function table
// that test()/describe() register through), then runs it with the indexer's graph-ts host and
// the matchstick host functions the tests use. Last line: "N passed, N failed".
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadEntityModel } from "@infergrid/indexer/entities";
import {
  AscInstance,
  graphHostFunctions,
  MappingAbort,
  UnsupportedHostFunctionError,
  type HostFunctions,
} from "@infergrid/indexer/host";
import { EntityStore, type StoredValue } from "@infergrid/indexer/store";

const DIR = fileURLToPath(new URL("../", import.meta.url));
const TESTS = join(DIR, "tests");
const OUT = join(TESTS, ".bin");
const require = createRequire(import.meta.url);

type Asc = {
  ready: Promise<void>;
  main: (
    argv: string[],
    options: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
    cb: (err: Error | null) => number,
  ) => number;
};

class CompileError extends Error {
  override name = "CompileError";
}

function findLibDir(): string {
  for (let dir = DIR; ; dir = join(dir, "..")) {
    if (existsSync(join(dir, "node_modules", "@graphprotocol", "graph-ts", "global", "global.ts")))
      return join(dir, "node_modules");
    if (dir === "/") throw new CompileError("@graphprotocol/graph-ts is not installed; run npm install");
  }
}

async function compile(file: string): Promise<string> {
  const asc = require("assemblyscript/cli/asc") as Asc;
  await asc.ready;
  const lib = findLibDir();
  mkdirSync(OUT, { recursive: true });
  const out = join(OUT, `${basename(file, ".ts")}.wasm`);
  let log = "";
  const sink = {
    write: (s: string | Uint8Array) => {
      log += String(s);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const code = asc.main(
    [
      relative(DIR, file),
      relative(DIR, join(lib, "@graphprotocol/graph-ts/global/global.ts")),
      "--baseDir",
      DIR,
      "--lib",
      lib,
      "--outFile",
      relative(DIR, out),
      "--explicitStart",
      "--exportRuntime",
      "--runtime",
      "stub",
      "--exportTable",
      "--debug",
    ],
    { stdout: sink, stderr: sink },
    (err) => {
      if (err) throw err;
      return 0;
    },
  );
  if (code !== 0 || !existsSync(out))
    throw new CompileError(`AssemblyScript compilation of ${relative(DIR, file)} failed:\n${log}`);
  return out;
}

type Suite = { name: string; parent: Suite | null; hooks: Record<string, number[]>; children: (Suite | Case)[] };
type Case = { name: string; fn: number; shouldFail: boolean; suite: Suite };

function display(v: StoredValue | undefined): string {
  if (v === undefined || v === null) return "null";
  if (Array.isArray(v)) return `[${v.map(display).join(", ")}]`;
  return String(v);
}

async function runFile(
  file: string,
  model: ReturnType<typeof loadEntityModel>,
): Promise<{ passed: number; failed: number }> {
  const wasm = await compile(file);
  const store = new EntityStore(model);
  let inst: AscInstance | null = null;
  const asc = () => {
    if (!inst) throw new MappingAbort("host function called before instantiation");
    return inst;
  };
  const root: Suite = { name: "", parent: null, hooks: {}, children: [] };
  let current = root;
  let failure = "";
  const graph = graphHostFunctions(asc, { store, log: (level, msg) => console.log(`    [${level}] ${msg}`) });
  const fieldEquals = (type: number, id: number, field: number, expected: number, message?: number) => {
    const a = asc();
    const t = a.readString(type);
    const key = a.readString(id);
    const f = a.readString(field);
    const want = a.readString(expected);
    const row = store.get(t, key);
    if (!row) {
      failure = `${t}[${key}] is not in the store`;
      return 0;
    }
    const got = display(row[f]);
    if (got !== want) {
      failure = `${t}[${key}].${f}: expected ${want}, got ${got}${message ? ` (${a.readString(message)})` : ""}`;
      return 0;
    }
    return 1;
  };
  const equals = (expected: number, actual: number, message?: number) => {
    const a = asc();
    const want = JSON.stringify(a.readEthValue(expected));
    const got = JSON.stringify(a.readEthValue(actual));
    if (want !== got) {
      failure = `expected ${want}, got ${got}${message ? ` (${a.readString(message)})` : ""}`;
      return 0;
    }
    return 1;
  };
  const notInStore = (type: number, id: number, message?: number) => {
    const a = asc();
    const row = store.get(a.readString(type), a.readString(id));
    if (row)
      failure = `${a.readString(type)}[${a.readString(id)}] is in the store${message ? ` (${a.readString(message)})` : ""}`;
    return row ? 0 : 1;
  };
  const matchstick: HostFunctions = {
    _registerTest: (name, shouldFail, fn) => {
      current.children.push({ name: asc().readString(name), fn, shouldFail: shouldFail !== 0, suite: current });
    },
    _registerDescribe: (name, fn) => {
      const suite: Suite = { name: asc().readString(name), parent: current, hooks: {}, children: [] };
      current.children.push(suite);
      const outer = current;
      current = suite;
      call(fn);
      current = outer;
    },
    _registerHook: (fn, type) => {
      (current.hooks[asc().readString(type)] ??= []).push(fn);
    },
    clearStore: () => store.clear(),
    countEntities: (type) => store.count(asc().readString(type)),
    logStore: () => console.log(JSON.stringify(store.snapshot(), null, 2)),
    logEntity: (type, id) => console.log(JSON.stringify(store.get(asc().readString(type), asc().readString(id)))),
    "_assert.fieldEquals": fieldEquals,
    "_assert.fieldEqualsWithMessage": fieldEquals,
    "_assert.equals": equals,
    "_assert.equalsWithMessage": equals,
    "_assert.notInStore": notInStore,
    "_assert.notInStoreWithMessage": notInStore,
    "log.log": (level, msg) => {
      const text = asc().readString(msg);
      if (level === 0) throw new MappingAbort(`log.critical: ${text}`);
      console.log(`    [log] ${text}`);
    },
  };
  const module = new WebAssembly.Module(await import("node:fs").then((fs) => fs.readFileSync(wasm)));
  const call = (idx: number) => {
    const table = inst!.exports.table as WebAssembly.Table;
    (table.get(idx) as () => void)();
  };
  inst = new AscInstance(module, { ...graph, ...matchstick });
  inst.start();

  let passed = 0;
  let failed = 0;
  const hooksUp = (s: Suite | null, type: string): number[] =>
    s ? [...hooksUp(s.parent, type), ...(s.hooks[type] ?? [])] : [];
  const hooksDown = (s: Suite | null, type: string): number[] =>
    s ? [...(s.hooks[type] ?? []), ...hooksDown(s.parent, type)] : [];
  const path = (s: Suite | null): string => (s?.name ? `${path(s.parent)}${s.name} > ` : "");
  const run = (suite: Suite) => {
    for (const fn of suite.hooks.beforeAll ?? []) call(fn);
    for (const child of suite.children) {
      if ("children" in child) {
        run(child);
        continue;
      }
      failure = "";
      let error: Error | null = null;
      try {
        for (const fn of hooksUp(child.suite, "beforeEach")) call(fn);
        call(child.fn);
      } catch (e) {
        error = e as Error;
      }
      try {
        for (const fn of hooksDown(child.suite, "afterEach")) call(fn);
      } catch (e) {
        error ??= e as Error;
      }
      if (error instanceof UnsupportedHostFunctionError) throw error;
      const ok = child.shouldFail ? error !== null : error === null;
      if (ok) passed++;
      else failed++;
      const why = error ? failure || error.message : "expected it to fail, but it passed";
      console.log(`  ${ok ? "✔" : "✘"} ${path(child.suite)}${child.name}${ok ? "" : `\n      ${why}`}`);
    }
    for (const fn of suite.hooks.afterAll ?? []) call(fn);
  };
  console.log(relative(DIR, file));
  run(root);
  return { passed, failed };
}

async function main(): Promise<void> {
  const files = readdirSync(TESTS)
    .filter((f) => f.endsWith(".test.ts"))
    .filter((f) => process.argv.length <= 2 || process.argv.slice(2).some((a) => f.includes(a)))
    .map((f) => join(TESTS, f));
  const model = loadEntityModel(join(DIR, "schema.graphql"));
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    try {
      const r = await runFile(file, model);
      passed += r.passed;
      failed += r.failed;
    } catch (e) {
      failed++;
      console.log(`  ✘ ${relative(DIR, file)}: ${(e as Error).message}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}

await main();
