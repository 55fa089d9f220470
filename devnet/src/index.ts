// Where the local network's entry point lives, for tests and benchmarks that start it as a
// process of its own (so that Ctrl-C, exit codes and logs behave as for `make up`).
import { fileURLToPath } from "node:url";

/** `node <UP_SCRIPT> --help` lists the options (`--port`, `--workers`, `--chain-only`, ...). */
export const UP_SCRIPT = fileURLToPath(new URL("./up.ts", import.meta.url));
