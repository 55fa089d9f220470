// The entity store: tables of plain JSON rows, the same values the GraphQL layer returns
// (BigInt and BigDecimal as decimal strings, Bytes as 0x-hex, Int as numbers).
import type { EntityModel } from "./entities.ts";

export type StoredValue = string | number | boolean | null | StoredValue[];
export type EntityData = { id: string } & Record<string, StoredValue>;
export type StoreSnapshot = Record<string, Record<string, EntityData>>;

export class StoreError extends Error {
  override name = "StoreError";
}

export class EntityStore {
  readonly model: EntityModel;
  private tables = new Map<string, Map<string, EntityData>>();
  // Reverse indexes for @derivedFrom lookups, built on first use: type -> field -> value -> ids.
  private indexes = new Map<string, Map<string, Map<string, Set<string>>>>();
  constructor(model: EntityModel) {
    this.model = model;
  }

  private table(type: string): Map<string, EntityData> {
    if (!this.model.entities.has(type))
      throw new StoreError(`Unknown entity type "${type}": schema.graphql declares no such @entity`);
    let t = this.tables.get(type);
    if (!t) {
      t = new Map();
      this.tables.set(type, t);
    }
    return t;
  }

  get(type: string, id: string): EntityData | null {
    return this.table(type).get(id) ?? null;
  }

  /** Checks the row against the schema the way graph-node does, then replaces it. */
  set(type: string, id: string, data: EntityData): void {
    const info = this.model.entities.get(type);
    if (!info) throw new StoreError(`Unknown entity type "${type}": schema.graphql declares no such @entity`);
    if (data.id !== id)
      throw new StoreError(
        `${type}[${id}]: the entity's id field is ${JSON.stringify(data.id)}, not ${JSON.stringify(id)}`,
      );
    for (const key of Object.keys(data)) {
      const f = info.fields.get(key);
      if (!f) throw new StoreError(`${type}[${id}]: field "${key}" is not in schema.graphql`);
      if (f.derivedFrom)
        throw new StoreError(`${type}[${id}]: field "${key}" is derived (@derivedFrom) and cannot be set`);
    }
    for (const f of info.fields.values()) {
      if (f.required && !f.derivedFrom && (data[f.name] === undefined || data[f.name] === null)) {
        throw new StoreError(`${type}[${id}]: missing value for non-nullable field "${f.name}"`);
      }
    }
    const table = this.table(type);
    this.unindex(type, table.get(id));
    table.set(id, data);
    this.index(type, data);
  }

  remove(type: string, id: string): void {
    const table = this.table(type);
    this.unindex(type, table.get(id));
    table.delete(id);
  }

  /** The rows of `type` whose `field` is `value` (or, for a list field, contains it). */
  byField(type: string, field: string, value: string): EntityData[] {
    let fields = this.indexes.get(type);
    if (!fields) this.indexes.set(type, (fields = new Map()));
    let idx = fields.get(field);
    if (!idx) {
      idx = new Map();
      fields.set(field, idx);
      for (const row of this.table(type).values()) for (const v of keysOf(row[field])) addTo(idx, v, row.id);
    }
    const table = this.table(type);
    return [...(idx.get(value) ?? [])].map((id) => table.get(id)!);
  }

  private index(type: string, row: EntityData): void {
    for (const [field, idx] of this.indexes.get(type) ?? []) for (const v of keysOf(row[field])) addTo(idx, v, row.id);
  }

  private unindex(type: string, row: EntityData | undefined): void {
    if (!row) return;
    for (const [field, idx] of this.indexes.get(type) ?? [])
      for (const v of keysOf(row[field])) idx.get(v)?.delete(row.id);
  }

  all(type: string): EntityData[] {
    return [...this.table(type).values()];
  }

  count(type: string): number {
    return this.table(type).size;
  }

  clear(): void {
    this.tables.clear();
    this.indexes.clear();
  }

  snapshot(): StoreSnapshot {
    const out: StoreSnapshot = {};
    for (const [type, rows] of this.tables) out[type] = Object.fromEntries(rows);
    return out;
  }

  restore(snapshot: StoreSnapshot): void {
    this.tables.clear();
    this.indexes.clear();
    for (const [type, rows] of Object.entries(snapshot)) this.tables.set(type, new Map(Object.entries(rows)));
  }
}

function keysOf(v: StoredValue | undefined): string[] {
  if (v === null || v === undefined) return [];
  return Array.isArray(v) ? v.flatMap(keysOf) : [String(v)];
}

function addTo(idx: Map<string, Set<string>>, key: string, id: string): void {
  let ids = idx.get(key);
  if (!ids) idx.set(key, (ids = new Set()));
  ids.add(id);
}
