// Every failure this package reports is a class of its own with a stable `code` and the values
// that caused it, so the worker daemon and the CLI branch on `code` or `instanceof`, never on
// message text.

export type P2PErrorCode =
  | "INVALID_OPTIONS"
  | "SEED_REFUSED"
  | "NOT_SEEDED"
  | "MODEL_NOT_FOUND"
  | "PEER_BYTES_REFUSED"
  | "FETCH_ABORTED"
  | "FETCH_STALLED"
  | "TARGET_EXISTS"
  | "MODEL_TOO_LARGE"
  | "MODEL_BUSY";

export abstract class P2PError extends Error {
  override name = "P2PError";
  abstract readonly code: P2PErrorCode;
}

/** Options or a peer's answer that fail their zod schema. */
export class InvalidOptionsError extends P2PError {
  override name = "InvalidOptionsError";
  readonly code = "INVALID_OPTIONS";
  readonly what: string;
  readonly issues: string;
  constructor(what: string, issues: string) {
    super(`invalid ${what}: ${issues}`);
    this.what = what;
    this.issues = issues;
  }
}

/** seedModel was given a folder whose files do not verify against its manifest. */
export class SeedRefusedError extends P2PError {
  override name = "SeedRefusedError";
  readonly code = "SEED_REFUSED";
  readonly folder: string;
  constructor(folder: string, cause: Error) {
    super(`refusing to seed ${folder}: ${cause.message}`, { cause });
    this.folder = folder;
  }
}

/** unseedModel for a model this node does not seed. */
export class NotSeededError extends P2PError {
  override name = "NotSeededError";
  readonly code = "NOT_SEEDED";
  readonly manifestHash: string;
  constructor(manifestHash: string) {
    super(`model ${manifestHash} is not seeded by this node`);
    this.manifestHash = manifestHash;
  }
}

/** What one peer said (or failed to say) when asked for a model. */
export type PeerAttempt = { readonly peer: string; readonly outcome: string };

/**
 * None of the peers delivered the model. `attempts` says what each one answered; `refusals`
 * holds the peers whose bytes did not match the manifest (which file, what was expected).
 */
export class ModelNotFoundError extends P2PError {
  override name = "ModelNotFoundError";
  readonly code = "MODEL_NOT_FOUND";
  readonly manifestHash: string;
  readonly attempts: readonly PeerAttempt[];
  readonly refusals: readonly PeerBytesRefusedError[];
  constructor(manifestHash: string, attempts: readonly PeerAttempt[], refusals: readonly PeerBytesRefusedError[] = []) {
    const detail =
      attempts.length === 0 ? "no peers to ask" : attempts.map((a) => `${a.peer}: ${a.outcome}`).join("; ");
    super(`no peer delivered model ${manifestHash} (${detail})`);
    this.manifestHash = manifestHash;
    this.attempts = attempts;
    this.refusals = refusals;
  }
}

/**
 * A peer's content for a model does not match the manifest: the bytes of `file` hash to
 * something else, have another size, or its manifest is not the one asked for. Nothing it
 * sent for that file is kept.
 */
export class PeerBytesRefusedError extends P2PError {
  override name = "PeerBytesRefusedError";
  readonly code = "PEER_BYTES_REFUSED";
  readonly peer: string;
  readonly file: string;
  readonly expected: string;
  readonly actual: string;
  constructor(peer: string, file: string, expected: string, actual: string) {
    super(`refused ${file} from peer ${peer}: expected ${expected}, got ${actual}`);
    this.peer = peer;
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The fetch was cancelled through its AbortSignal; what was written so far is kept for a retry. */
export class FetchAbortedError extends P2PError {
  override name = "FetchAbortedError";
  readonly code = "FETCH_ABORTED";
  readonly manifestHash: string;
  readonly bytesDone: number;
  constructor(manifestHash: string, bytesDone: number) {
    super(`fetch of model ${manifestHash} aborted after ${bytesDone} bytes; a retry resumes from the partial folder`);
    this.manifestHash = manifestHash;
    this.bytesDone = bytesDone;
  }
}

/** No block arrived from a peer within the block timeout. */
export class FetchStalledError extends P2PError {
  override name = "FetchStalledError";
  readonly code = "FETCH_STALLED";
  readonly peer: string;
  readonly file: string;
  readonly timeoutMs: number;
  constructor(peer: string, file: string, timeoutMs: number) {
    super(`peer ${peer} sent no block of ${file} within ${timeoutMs} ms`);
    this.peer = peer;
    this.file = file;
    this.timeoutMs = timeoutMs;
  }
}

/** The target folder exists and is not a verified copy of the requested model. */
export class TargetExistsError extends P2PError {
  override name = "TargetExistsError";
  readonly code = "TARGET_EXISTS";
  readonly targetDir: string;
  constructor(targetDir: string, reason: string) {
    super(`${targetDir} already exists and is not the model to fetch (${reason}); remove it or choose another folder`);
    this.targetDir = targetDir;
  }
}

/** The model's files are larger than the bytes the caller allowed (its disk budget). */
export class ModelTooLargeError extends P2PError {
  override name = "ModelTooLargeError";
  readonly code = "MODEL_TOO_LARGE";
  readonly manifestHash: string;
  readonly sizeBytes: number;
  readonly maxBytes: number;
  constructor(manifestHash: string, sizeBytes: number, maxBytes: number) {
    super(`model ${manifestHash} has ${sizeBytes} bytes of files, more than the ${maxBytes} bytes allowed`);
    this.manifestHash = manifestHash;
    this.sizeBytes = sizeBytes;
    this.maxBytes = maxBytes;
  }
}

/** A model with open jobs may not be dropped. */
export class ModelBusyError extends P2PError {
  override name = "ModelBusyError";
  readonly code = "MODEL_BUSY";
  readonly manifestHash: string;
  constructor(manifestHash: string) {
    super(`model ${manifestHash} has open jobs and is kept`);
    this.manifestHash = manifestHash;
  }
}
