import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const TINY_MODEL_DIR = join(REPO_ROOT, "models", "tiny-gpt2");
export const FIXTURES_DIR = join(REPO_ROOT, "engine", "test", "fixtures");

export const jobIdOf = (n: number): `0x${string}` => `0x${n.toString(16).padStart(64, "0")}`;
