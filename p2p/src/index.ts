export * from "./errors.ts";
export {
  createModelNode,
  modelNodeOptionsSchema,
  type ModelNode,
  type ModelNodeOptions,
  type SeedRecord,
} from "./node.ts";
export {
  modelDiskBytes,
  partialDirOf,
  type FetchOptions,
  type FetchProgress,
  type FetchResult,
  type ResolvedModel,
} from "./fetch.ts";
export {
  heldModelSchema,
  modelDemandSchema,
  placementInputSchema,
  planPlacement,
  type HeldModel,
  type ModelDemand,
  type PlacementDecision,
  type PlacementEntry,
  type PlacementInput,
  type PlacementReason,
} from "./placement.ts";
export { ModelPlacer, type ModelPlacerOptions, type PlacementPolicy, type PlacementReport } from "./placer.ts";
export {
  announcementSchema,
  endpointPeers,
  peerIdOf,
  staticPeers,
  type Announcement,
  type EndpointPeersOptions,
  type PeerSource,
} from "./discovery.ts";
export { MODEL_ROOT_PROTOCOL } from "./protocol.ts";
export { CHUNK_SIZE } from "./dag.ts";
