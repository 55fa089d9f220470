// First-load JS of one route of a production build: the JavaScript a browser fetches to show the
// page on a fresh visit (Next's shared root chunks + the route's layouts and page), gzipped.
//
//   node scripts/first-load-js.ts [--dist .next] [--route /playground] [--url http://127.0.0.1:3000] [--json]
//
// From the build's manifests (no server needed): build-manifest.json's rootMainFiles plus the
// route's entry chunks in server/app/<route>/page_client-reference-manifest.js (the root
// layout's, any nested layouts', the page's). Polyfills are left out: they are nomodule scripts
// that modern browsers skip. With --url, it also reads the HTML that server serves for the route
// and sums the <script src> it references (nomodule ones left out), as a cross-check. Sizes are each file gzipped at
// zlib's default level (what `next start` sends), and raw; the dist folder defaults to
// $NEXT_DIST_DIR or .next, relative to web/.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const WEB = fileURLToPath(new URL("..", import.meta.url));

type Chunk = { file: string; raw: number; gzip: number; shared: boolean };
export type FirstLoad = { route: string; files: Chunk[]; raw: number; gzip: number; sharedGzip: number };

/** `shared`: chunks every route loads (Next's runtime and the root layout); the rest are the route's own. */
function measure(
  dist: string,
  files: Iterable<string>,
  route: string,
  shared: ReadonlySet<string> = new Set(),
): FirstLoad {
  const chunks = [...new Set(files)].sort().map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes).length, shared: shared.has(file) };
  });
  const sum = (list: Chunk[]) => list.reduce((s, c) => s + c.gzip, 0);
  return {
    route,
    files: chunks,
    raw: chunks.reduce((s, c) => s + c.raw, 0),
    gzip: sum(chunks),
    sharedGzip: sum(chunks.filter((c) => c.shared)),
  };
}

/** The route's first-load chunks according to the build manifests. */
export function fromManifests(dist: string, route: string): FirstLoad {
  const build = JSON.parse(readFileSync(join(dist, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const appPath = route === "/" ? "" : route.replace(/\/+$/, "");
  const manifestFile = join(dist, "server", "app", appPath, "page_client-reference-manifest.js");
  if (!existsSync(manifestFile))
    throw new Error(`${manifestFile} is missing: is ${route} an app route of this build (dynamic segments as [id])?`);
  // The manifest is a script that assigns to globalThis; run it in an empty context to read it.
  const sandbox: { __RSC_MANIFEST?: Record<string, { entryJSFiles?: Record<string, string[]> }> } = {};
  runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const manifest = sandbox.__RSC_MANIFEST?.[`${appPath}/page`];
  if (!manifest?.entryJSFiles) throw new Error(`${manifestFile} has no entryJSFiles for ${appPath}/page`);
  // Layouts of every enclosing segment, then the page itself.
  const segments = appPath.split("/").filter(Boolean);
  const wanted = new Set([
    ...segments.map((_, i) => `${`/app/${segments.slice(0, i).join("/")}`.replace(/\/$/, "")}/layout`),
    `/app/layout`,
    `/app${appPath}/page`,
  ]);
  const files = [...build.rootMainFiles];
  const shared = new Set(build.rootMainFiles);
  for (const [entry, list] of Object.entries(manifest.entryJSFiles)) {
    if ([...wanted].some((w) => entry.endsWith(w))) files.push(...list);
    if (entry.endsWith("/app/layout")) for (const f of list) shared.add(f);
  }
  return measure(dist, files, route, shared);
}

/** The chunks the served HTML references with <script src>. */
export async function fromHtml(dist: string, url: string, route: string): Promise<FirstLoad> {
  const res = await fetch(new URL(route, url));
  if (!res.ok) throw new Error(`${res.url}: HTTP ${res.status}`);
  const html = await res.text();
  // nomodule scripts (the polyfills) are skipped by every browser that runs the app's modules.
  const files = [...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"[^>]*>/g)]
    .filter((m) => !/\snomodule/i.test(m[0]))
    .map((m) => m[1]!)
    .filter((src) => src.startsWith("/_next/"))
    .map((src) => decodeURIComponent(src.slice("/_next/".length).split("?")[0]!));
  return measure(dist, files, route);
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

function print(what: string, r: FirstLoad, verbose: boolean) {
  const own =
    r.sharedGzip > 0
      ? `; ${kb(r.sharedGzip)} shared by every route (Next runtime, root layout), ${kb(r.gzip - r.sharedGzip)} the route's own`
      : "";
  console.log(
    `${what}: first-load JS of ${r.route}: ${kb(r.gzip)} gzip (${r.gzip} bytes), ${kb(r.raw)} raw, ${r.files.length} files${own}`,
  );
  if (verbose)
    for (const f of r.files)
      console.log(
        `  ${f.file.padEnd(44)} ${kb(f.gzip).padStart(10)} gzip ${kb(f.raw).padStart(10)} raw${f.shared ? "  shared" : ""}`,
      );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      dist: { type: "string" },
      route: { type: "string", default: "/playground" },
      url: { type: "string" },
      json: { type: "boolean", default: false },
      verbose: { type: "boolean", short: "v", default: false },
    },
  });
  const dist = resolve(WEB, values.dist ?? process.env.NEXT_DIST_DIR ?? ".next");
  if (!existsSync(join(dist, "BUILD_ID"))) {
    console.error(`${dist} has no build; run \`next build\` first (with the same NEXT_DIST_DIR).`);
    process.exit(1);
  }
  const route = values.route!;
  const manifests = fromManifests(dist, route);
  const html = values.url ? await fromHtml(dist, values.url, route) : undefined;
  if (values.json) {
    console.log(JSON.stringify({ manifests, ...(html ? { html } : {}) }, null, 2));
  } else {
    print("manifests", manifests, values.verbose!);
    if (html) print("served HTML", html, values.verbose!);
  }
}
