import type { InferGridBaseClient } from "../baseClient.ts";
import { resolveModel, type ModelInfo, type ModelRef } from "../models.ts";
import { routerContext } from "./shared.ts";

export type FindModelParams = {
  /** A model id, a 32-byte manifest hash, or a registered name (case-insensitive). */
  readonly model: ModelRef;
  /** Throw `InactiveModelError` for a deactivated model (default true): the market refuses its jobs. */
  readonly requireActive?: boolean;
};
export type FindModelReturnType = ModelInfo;

/**
 * Resolves a model reference to the registered model; throws `UnknownModelError` (code
 * UNKNOWN_MODEL, listing what is registered) or `InactiveModelError` (INACTIVE_MODEL).
 * @example
 * const model = await findModel(client, { model: "tiny-gpt2" });
 * console.log(model.id, model.manifestHash);
 */
export async function findModel(client: InferGridBaseClient, params: FindModelParams): Promise<FindModelReturnType> {
  return resolveModel(await routerContext(client), params.model, {
    ...(params.requireActive === undefined ? {} : { requireActive: params.requireActive }),
  });
}
