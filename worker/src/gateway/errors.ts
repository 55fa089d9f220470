import { BaseError } from "viem";
import { findInferGridError, isInferGridError, type InferGridErrorCode } from "@infergrid/sdk";

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

/** Which request field an SDK option is, for `param` (the first prefix of the option's path that matches). */
const optionParams: readonly [string, string][] = [
  ["redundancy", "redundancy"],
  ["deadlineSeconds", "infergrid.deadline_seconds"],
  ["maxTokens", "max_tokens"],
  ["maxPrice", "max_price_per_token"],
  ["sampling.temperature", "temperature"],
  ["sampling.topP", "top_p"],
  ["sampling.stop", "stop"],
  ["messages", "messages"],
  ["prompt", "prompt"],
];

type Answer = { status: GatewayErrorStatus; type: string; code: string; param?: string; operatorPays?: boolean };

/** How each sdk error is answered; codes not listed are the gateway's own failure (500). */
const answers: Partial<Record<InferGridErrorCode, Answer>> = {
  UNKNOWN_MODEL: { status: 404, type: "invalid_request_error", param: "model", code: "model_not_found" },
  INACTIVE_MODEL: { status: 404, type: "invalid_request_error", param: "model", code: "model_inactive" },
  INSUFFICIENT_BALANCE: { status: 402, type: "insufficient_funds", code: "insufficient_balance", operatorPays: true },
  NO_ELIGIBLE_WORKER: { status: 503, type: "service_unavailable", code: "no_eligible_worker" },
  JOB_DECLINED: { status: 503, type: "service_unavailable", code: "job_declined" },
  DEADLINE_PASSED: { status: 504, type: "timeout", code: "deadline_passed" },
  JOB_WAIT_TIMEOUT: { status: 504, type: "timeout", code: "job_wait_timeout" },
  COMMITMENT_MISMATCH: { status: 502, type: "upstream_error", code: "unverified_output" },
  WORKER_REQUEST_FAILED: { status: 502, type: "upstream_error", code: "worker_unavailable" },
};

/** Maps whatever a request threw to the status and OpenAI error it is answered with. */
export function toGatewayError(e: unknown): GatewayError {
  if (e instanceof GatewayError) return e;
  if (isInferGridError(e, "INVALID_JOB_OPTIONS")) {
    const path = e.details[0]?.path ?? "";
    const param = optionParams.find(([prefix]) => path.startsWith(prefix))?.[1] ?? null;
    return new GatewayError(400, e.message, { type: "invalid_request_error", param, code: "invalid_value", cause: e });
  }
  const answer = isInferGridError(e) ? answers[e.code] : undefined;
  if (answer && e instanceof Error) {
    const message = answer.operatorPays
      ? `The gateway's operator account cannot pay for this job: ${e.message}`
      : e.message;
    return new GatewayError(answer.status, message, {
      type: answer.type,
      param: answer.param ?? null,
      code: answer.code,
      cause: e,
    });
  }
  const revert = findInferGridError(e, "CONTRACT_REVERT");
  if (revert) {
    if (revert.errorName === "ERC20InsufficientAllowance" || revert.errorName === "ERC20InsufficientBalance") {
      return new GatewayError(402, `The gateway's operator account cannot pay for this job: ${revert.message}`, {
        type: "insufficient_funds",
        code: "insufficient_allowance",
        cause: e,
      });
    }
    return new GatewayError(502, revert.message, { type: "upstream_error", code: "contract_revert", cause: e });
  }
  if (findInferGridError(e, "INSUFFICIENT_GAS")) {
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
