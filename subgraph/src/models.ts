import {
  ModelActiveSet,
  ModelCreatorTransferred,
  ModelRegistered,
  ModelURIUpdated,
} from "../generated/ModelRegistry/ModelRegistry";
import { Model } from "../generated/schema";
import { getAccount, getProtocol, zero } from "./helpers";

function loadModel(id: string): Model {
  const m = Model.load(id);
  if (m == null) throw new Error("Model " + id + " was never registered");
  return m;
}

export function handleModelRegistered(event: ModelRegistered): void {
  const m = new Model(event.params.modelId.toString());
  m.modelId = event.params.modelId;
  m.creator = getAccount(event.params.creator).id;
  m.manifestHash = event.params.manifestHash;
  m.name = event.params.name;
  m.uri = event.params.uri;
  m.format = event.params.format;
  m.active = true;
  m.createdAt = event.block.timestamp;
  m.createdBlock = event.block.number;
  m.jobCount = 0;
  m.jobsFinalized = 0;
  m.tokensServed = zero();
  m.fees = zero();
  m.royalties = zero();
  m.save();
  const p = getProtocol();
  p.models += 1;
  p.save();
}

export function handleModelURIUpdated(event: ModelURIUpdated): void {
  const m = loadModel(event.params.modelId.toString());
  m.uri = event.params.uri;
  m.save();
}

export function handleModelCreatorTransferred(event: ModelCreatorTransferred): void {
  const m = loadModel(event.params.modelId.toString());
  m.creator = getAccount(event.params.newCreator).id;
  m.save();
}

export function handleModelActiveSet(event: ModelActiveSet): void {
  const m = loadModel(event.params.modelId.toString());
  m.active = event.params.active;
  m.save();
}
