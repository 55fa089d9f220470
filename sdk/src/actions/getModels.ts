import type { InferGridBaseClient } from "../baseClient.ts";
import { listModels, type ModelInfo } from "../models.ts";
import { routerContext } from "./shared.ts";

export type GetModelsReturnType = ModelInfo[];

/**
 * Every registered model (ids 1..modelCount), active or not, with its metadata.
 * @example
 * const models = await getModels(client);
 * console.log(models.filter((m) => m.active).map((m) => m.name));
 */
export async function getModels(client: InferGridBaseClient): Promise<GetModelsReturnType> {
  return listModels(await routerContext(client));
}
