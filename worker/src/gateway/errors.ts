import { BaseError } from "viem";
import {
  CommitmentMismatchError,
  ContractRevertError,
  DeadlinePassedError,
  InactiveModelError,
  InsufficientBalanceError,
  InvalidJobOptionsError,
  JobDeclinedError,
  JobWaitTimeoutError,
  NoEligibleWorkerError,
  UnknownModelError,
  WorkerRequestError,
} from "@infergrid/sdk";

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export type OpenAIErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

export type GatewayErrorStatus = 400 | 401 | 402 | 404 | 500 | 502 | 503 | 504;

/** An error the gateway answers with: an HTTP status and OpenAI's error body. */
export class GatewayError extends Error {
  override name = "GatewayError";
  readonly status: GatewayErrorStatus;
  readonly type: string;
  readonly param: string | null;
  readonly code: string | null;
  constructor(
    status: GatewayErrorStatus,
    message: string,
    p: { type: string; param?: string | null; code?: string | null; cause?: unknown },
  ) {
    super(message, p.cause === undefined ? undefined : { cause: p.cause });
    this.status = status;
    this.type = p.type;
    this.param = p.param ?? null;
    this.code = p.code ?? null;
  }
  toBody(): OpenAIErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const invalidRequest = (message: string, param: string | null, code: string | null = "invalid_value") =>
  new GatewayError(400, message, { type: "invalid_request_error", param, code });

/** Which request field an SDK option problem is about, for `param`. */
const optionParams: readonly [RegExp, string][] = [
  [/^redundancy/, "redundancy"],
  [/^deadlineSeconds/, "infergrid.deadline_seconds"],
  [/^maxTokens/, "max_tokens"],
  [/^maxPrice/, "max_price_per_token"],
  [/^sampling\.temperature/, "temperature"],
  [/^sampling\.topP/, "top_p"],
  [/^sampling\.stop/, "stop"],
  [/^messages/, "messages"],
  [/^prompt/, "prompt"],
];

/** Finds an error of a kind anywhere in a cause chain (viem wraps what the node said). */
function findCause<T extends Error>(e: unknown, match: (x: Error) => x is T): T | undefined {
  let cur: unknown = e;
  for (let depth = 0; cur instanceof Error && depth < 10; depth++) {
    if (match(cur)) return cur;
    cur = cur.cause;
  }
  return undefined;
}

/** Maps whatever a request threw to the status and OpenAI error it is answered with. */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (e instanceof InvalidJobOptionsError) {
    const first = e.issues[0] ?? "";
    const param = optionParams.find(([re]) => re.test(first))?.[1] ?? null;
    return new GatewayError(400, e.message, { type: "invalid_request_error", param, code: "invalid_value", cause: e });
  }
  if (e instanceof UnknownModelError)
    return new GatewayError(404, e.message, {
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
      cause: e,
    });
  if (e instanceof InactiveModelError)
    return new GatewayError(404, e.message, {
      type: "invalid_request_error",
      param: "model",
      code: "model_inactive",
      cause: e,
    });
  if (e instanceof InsufficientBalanceError) {
    return new GatewayError(402, `The gateway's operator account cannot pay for this job: ${e.message}`, {
      type: "insufficient_funds",
      code: "insufficient_balance",
      cause: e,
    });
  }
  if (e instanceof NoEligibleWorkerError)
    return new GatewayError(503, e.message, { type: "service_unavailable", code: "no_eligible_worker", cause: e });
  if (e instanceof JobDeclinedError)
    return new GatewayError(503, e.message, { type: "service_unavailable", code: "job_declined", cause: e });
  if (e instanceof DeadlinePassedError)
    return new GatewayError(504, e.message, { type: "timeout", code: "deadline_passed", cause: e });
  if (e instanceof JobWaitTimeoutError)
    return new GatewayError(504, e.message, { type: "timeout", code: "job_wait_timeout", cause: e });
  if (e instanceof CommitmentMismatchError)
    return new GatewayError(502, e.message, { type: "upstream_error", code: "unverified_output", cause: e });
  if (e instanceof WorkerRequestError)
    return new GatewayError(502, e.message, { type: "upstream_error", code: "worker_unavailable", cause: e });
  const revert = findCause(e, (x): x is ContractRevertError => x instanceof ContractRevertError);
  if (revert) {
    if (/^ERC20Insufficient(Allowance|Balance)$/.test(revert.errorName)) {
      return new GatewayError(402, `The gateway's operator account cannot pay for this job: ${revert.message}`, {
        type: "insufficient_funds",
        code: "insufficient_allowance",
        cause: e,
      });
    }
    return new GatewayError(502, revert.message, { type: "upstream_error", code: "contract_revert", cause: e });
  }
  const gas = findCause(
    e,
    (x): x is BaseError =>
      x instanceof BaseError && (x.name === "InsufficientFundsError" || /insufficient funds/i.test(x.message)),
  );
  if (gas) {
    return new GatewayError(
      402,
      "The gateway's operator account has too little native currency to pay gas for the job's transactions. No job was posted.",
      {
        type: "insufficient_funds",
        code: "insufficient_gas",
        cause: e,
      },
    );
  }
  const message = e instanceof BaseError ? e.shortMessage : e instanceof Error ? e.message : String(e);
  return new GatewayError(500, `The gateway failed: ${message}`, { type: "server_error", code: null, cause: e });
}
