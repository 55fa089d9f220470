// The Graph's query dialect for this subgraph's entities, built programmatically from
// schema.graphql and executed by graphql-js: `entity(id)` and `entities(first, skip, orderBy,
// orderDirection, where)` per entity, filters with the usual suffixes, @derivedFrom fields and
// `_meta`. Anything outside that subset is rejected by validation, naming the field or argument.
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLError,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  type GraphQLFieldConfig,
  type GraphQLFieldConfigMap,
  type GraphQLInputFieldConfigMap,
  type GraphQLInputType,
  type GraphQLOutputType,
  type ValueNode,
} from "graphql";
import type { EntityInfo, EntityModel, FieldInfo, ScalarName } from "./entities.ts";
import type { EntityData, EntityStore, StoredValue } from "./store.ts";

export type MetaSource = () => {
  block: { number: number; hash: string | null; timestamp: number | null };
  deployment: string;
  hasIndexingErrors: boolean;
};

const MAX_FIRST = 1000;
const MAX_SKIP = 5000;

function stringScalar(name: string, description: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    description,
    serialize: (v) => String(v),
    parseValue: (v) => {
      if (typeof v !== "string" && typeof v !== "number")
        throw new GraphQLError(`${name} must be a string, got ${JSON.stringify(v)}`);
      return String(v);
    },
    parseLiteral: (ast: ValueNode) => {
      if (ast.kind === Kind.STRING || ast.kind === Kind.INT) return ast.value;
      throw new GraphQLError(`${name} must be a string literal`);
    },
  });
}

const scalars: Record<string, GraphQLScalarType> = {
  BigInt: stringScalar("BigInt", "Arbitrary-size integer, as a decimal string"),
  BigDecimal: stringScalar("BigDecimal", "Arbitrary-precision decimal, as a string"),
  Bytes: stringScalar("Bytes", "Bytes as a 0x-prefixed lowercase hex string"),
  Int8: stringScalar("Int8", "64-bit integer, as a string"),
  Timestamp: stringScalar("Timestamp", "Microseconds since the epoch, as a string"),
};

function scalarType(name: ScalarName | string): GraphQLScalarType {
  switch (name) {
    case "ID":
      return GraphQLID;
    case "String":
      return GraphQLString;
    case "Int":
      return GraphQLInt;
    case "Boolean":
      return GraphQLBoolean;
    default: {
      const s = scalars[name];
      if (!s) throw new GraphQLError(`Scalar ${name} is not supported`);
      return s;
    }
  }
}

export function pluralize(name: string): string {
  const lower = name[0].toLowerCase() + name.slice(1);
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  return `${lower}s`;
}

function singular(name: string): string {
  return name[0].toLowerCase() + name.slice(1);
}

// ---------------------------------------------------------------- comparison and filtering

type Kindish = "number" | "bigint" | "decimal" | "string" | "bool";

function kindOf(storedAs: ScalarName): Kindish {
  switch (storedAs) {
    case "Int":
      return "number";
    case "BigInt":
    case "Int8":
    case "Timestamp":
      return "bigint";
    case "BigDecimal":
      return "decimal";
    case "Boolean":
      return "bool";
    default:
      return "string";
  }
}

function decimalParts(s: string): [bigint, number] {
  const [i, f = ""] = s.split(".");
  return [BigInt(`${i}${f}`), f.length];
}

function compare(a: StoredValue | undefined, b: StoredValue | undefined, kind: Kindish): number {
  if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
  if (b === null || b === undefined) return 1;
  switch (kind) {
    case "number":
      return Number(a) - Number(b);
    case "bigint": {
      const x = BigInt(String(a));
      const y = BigInt(String(b));
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case "decimal": {
      const [x, xs] = decimalParts(String(a));
      const [y, ys] = decimalParts(String(b));
      const s = Math.max(xs, ys);
      const xx = x * 10n ** BigInt(s - xs);
      const yy = y * 10n ** BigInt(s - ys);
      return xx < yy ? -1 : xx > yy ? 1 : 0;
    }
    case "bool":
      return Number(a) - Number(b);
    default:
      return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  }
}

/** Filter values arrive as GraphQL inputs; Bytes compare case-insensitively like graph-node. */
function normalizeInput(v: unknown, field: FieldInfo): StoredValue {
  if (v === null || v === undefined) return null;
  if (field.storedAs === "Bytes" && typeof v === "string") return v.toLowerCase();
  if (Array.isArray(v)) return v.map((x) => normalizeInput(x, field));
  return v as StoredValue;
}

const OPS = ["", "_not", "_gt", "_lt", "_gte", "_lte", "_in", "_not_in"] as const;
const LIST_OPS = ["", "_not", "_contains", "_not_contains"] as const;
const STRING_OPS = ["_contains", "_not_contains", "_starts_with", "_ends_with"] as const;

type Filter = Record<string, unknown>;

export class QueryError extends GraphQLError {}

// ---------------------------------------------------------------- schema

export function buildQuerySchema(model: EntityModel, store: EntityStore, meta: MetaSource): GraphQLSchema {
  const objectTypes = new Map<string, GraphQLObjectType>();
  const filterTypes = new Map<string, GraphQLInputObjectType>();
  const orderByTypes = new Map<string, GraphQLEnumType>();
  const orderDirection = new GraphQLEnumType({
    name: "OrderDirection",
    values: { asc: { value: "asc" }, desc: { value: "desc" } },
  });
  const blockHeight = new GraphQLInputObjectType({
    name: "Block_height",
    fields: { hash: { type: scalars.Bytes }, number: { type: GraphQLInt }, number_gte: { type: GraphQLInt } },
  });
  const errorPolicy = new GraphQLEnumType({
    name: "_SubgraphErrorPolicy_",
    values: { allow: { value: "allow" }, deny: { value: "deny" } },
  });

  const entityInfo = (name: string): EntityInfo => {
    const e = model.entities.get(name);
    if (!e) throw new QueryError(`Unknown entity ${name}`);
    return e;
  };

  function matches(row: EntityData, filter: Filter, info: EntityInfo): boolean {
    for (const [key, raw] of Object.entries(filter)) {
      if (raw === undefined) continue;
      if (key === "and" || key === "or") {
        const list = raw as Filter[];
        const ok = key === "and" ? list.every((f) => matches(row, f, info)) : list.some((f) => matches(row, f, info));
        if (!ok) return false;
        continue;
      }
      if (key.endsWith("_") && info.fields.has(key.slice(0, -1))) {
        const field = info.fields.get(key.slice(0, -1))!;
        const target = entityInfo(field.type);
        const sub = raw as Filter;
        const related = field.derivedFrom ? derivedRows(row, field) : refRows(row[field.name], target);
        if (!related.some((r) => matches(r, sub, target))) return false;
        continue;
      }
      const m = /^(.*?)(_not_in|_not_contains|_not|_gte|_lte|_gt|_lt|_in|_contains|_starts_with|_ends_with)?$/.exec(
        key,
      )!;
      const field = info.fields.get(m[1]);
      if (!field) throw new QueryError(`Filter ${key} names no field of ${info.name}`);
      const op = m[2] ?? "";
      const value = normalizeInput(raw, field);
      const actual = row[field.name];
      const kind = kindOf(field.storedAs);
      let ok: boolean;
      if (field.list) {
        const arr = (actual as StoredValue[] | null) ?? [];
        const want = (value as StoredValue[] | null) ?? [];
        const has = (v: StoredValue) => arr.some((a) => compare(a, v, kind) === 0);
        if (op === "") ok = JSON.stringify(arr) === JSON.stringify(want);
        else if (op === "_not") ok = JSON.stringify(arr) !== JSON.stringify(want);
        else if (op === "_contains") ok = want.every(has);
        else if (op === "_not_contains") ok = !want.some(has);
        else throw new QueryError(`Filter operator ${op} is not supported on list field ${info.name}.${field.name}`);
      } else {
        const c = () => compare(actual, value, kind);
        switch (op) {
          case "":
            ok = value === null ? actual === null || actual === undefined : c() === 0;
            break;
          case "_not":
            ok = value === null ? actual !== null && actual !== undefined : c() !== 0;
            break;
          case "_gt":
            ok = actual !== null && actual !== undefined && c() > 0;
            break;
          case "_lt":
            ok = actual !== null && actual !== undefined && c() < 0;
            break;
          case "_gte":
            ok = actual !== null && actual !== undefined && c() >= 0;
            break;
          case "_lte":
            ok = actual !== null && actual !== undefined && c() <= 0;
            break;
          case "_in":
            ok = (value as StoredValue[]).some((v) => compare(actual, v, kind) === 0);
            break;
          case "_not_in":
            ok = !(value as StoredValue[]).some((v) => compare(actual, v, kind) === 0);
            break;
          case "_contains":
            ok = typeof actual === "string" && actual.includes(String(value));
            break;
          case "_not_contains":
            ok = typeof actual === "string" && !actual.includes(String(value));
            break;
          case "_starts_with":
            ok = typeof actual === "string" && actual.startsWith(String(value));
            break;
          case "_ends_with":
            ok = typeof actual === "string" && actual.endsWith(String(value));
            break;
          default:
            throw new QueryError(`Filter operator ${op} is not supported`);
        }
      }
      if (!ok) return false;
    }
    return true;
  }

  function refRows(value: StoredValue | undefined, target: EntityInfo): EntityData[] {
    if (value === null || value === undefined) return [];
    const ids = Array.isArray(value) ? value : [value];
    return ids.map((id) => store.get(target.name, String(id))).filter((r): r is EntityData => r !== null);
  }

  function derivedRows(row: EntityData, field: FieldInfo): EntityData[] {
    return store.byField(field.type, field.derivedFrom!, row.id);
  }

  type CollectionArgs = {
    first?: number;
    skip?: number;
    orderBy?: string;
    orderDirection?: "asc" | "desc";
    where?: Filter;
    block?: unknown;
  };

  function collect(rows: EntityData[], info: EntityInfo, args: CollectionArgs): EntityData[] {
    if (args.block !== undefined && args.block !== null) {
      throw new QueryError("Time-travel queries (the `block` argument) are not supported by the local indexer");
    }
    const first = args.first ?? 100;
    const skip = args.skip ?? 0;
    if (first < 0 || first > MAX_FIRST)
      throw new QueryError(`The \`first\` argument must be between 0 and ${MAX_FIRST}, but is ${first}`);
    if (skip < 0 || skip > MAX_SKIP)
      throw new QueryError(`The \`skip\` argument must be between 0 and ${MAX_SKIP}, but is ${skip}`);
    const filtered = args.where ? rows.filter((r) => matches(r, args.where!, info)) : rows.slice();
    const orderField = info.fields.get(args.orderBy ?? "id")!;
    const kind = kindOf(orderField.storedAs);
    const dir = args.orderDirection === "desc" ? -1 : 1;
    const idKind = kindOf(info.idType);
    filtered.sort((a, b) => dir * compare(a[orderField.name], b[orderField.name], kind) || compare(a.id, b.id, idKind));
    return filtered.slice(skip, skip + first);
  }

  function filterType(info: EntityInfo): GraphQLInputObjectType {
    let t = filterTypes.get(info.name);
    if (t) return t;
    t = new GraphQLInputObjectType({
      name: `${info.name}_filter`,
      fields: (): GraphQLInputFieldConfigMap => {
        const fields: GraphQLInputFieldConfigMap = {};
        for (const f of info.fields.values()) {
          if (f.derivedFrom) {
            fields[`${f.name}_`] = { type: filterType(entityInfo(f.type)) };
            continue;
          }
          // graph-node filters references by the referenced id as a String, whatever the id type.
          const base: GraphQLInputType = f.isEntity ? GraphQLString : scalarType(f.storedAs);
          if (f.list) {
            for (const op of LIST_OPS) fields[`${f.name}${op}`] = { type: new GraphQLList(new GraphQLNonNull(base)) };
          } else {
            for (const op of OPS) {
              fields[`${f.name}${op}`] = {
                type: op === "_in" || op === "_not_in" ? new GraphQLList(new GraphQLNonNull(base)) : base,
              };
            }
            if (f.storedAs === "String" || f.storedAs === "ID")
              for (const op of STRING_OPS) fields[`${f.name}${op}`] = { type: base };
          }
          if (f.isEntity) fields[`${f.name}_`] = { type: filterType(entityInfo(f.type)) };
        }
        fields.and = { type: new GraphQLList(t!) };
        fields.or = { type: new GraphQLList(t!) };
        return fields;
      },
    });
    filterTypes.set(info.name, t);
    return t;
  }

  function orderByType(info: EntityInfo): GraphQLEnumType {
    let t = orderByTypes.get(info.name);
    if (t) return t;
    const values: Record<string, { value: string }> = {};
    for (const f of info.fields.values()) if (!f.list && !f.derivedFrom) values[f.name] = { value: f.name };
    t = new GraphQLEnumType({ name: `${info.name}_orderBy`, values });
    orderByTypes.set(info.name, t);
    return t;
  }

  function collectionArgs(info: EntityInfo) {
    return {
      skip: { type: GraphQLInt, defaultValue: 0 },
      first: { type: GraphQLInt, defaultValue: 100 },
      orderBy: { type: orderByType(info) },
      orderDirection: { type: orderDirection },
      where: { type: filterType(info) },
    };
  }

  function objectType(info: EntityInfo): GraphQLObjectType {
    let t = objectTypes.get(info.name);
    if (t) return t;
    t = new GraphQLObjectType({
      name: info.name,
      fields: (): GraphQLFieldConfigMap<EntityData, unknown> => {
        const fields: GraphQLFieldConfigMap<EntityData, unknown> = {};
        for (const f of info.fields.values()) fields[f.name] = fieldConfig(info, f);
        return fields;
      },
    });
    objectTypes.set(info.name, t);
    return t;
  }

  function fieldConfig(info: EntityInfo, f: FieldInfo): GraphQLFieldConfig<EntityData, unknown> {
    const wrap = (base: GraphQLOutputType): GraphQLOutputType => {
      let t: GraphQLOutputType = base;
      if (f.list) t = new GraphQLList(new GraphQLNonNull(t));
      return f.required ? new GraphQLNonNull(t) : t;
    };
    if (!f.isEntity) {
      return {
        type: wrap(f.name === "id" ? scalarType(info.idType === "ID" ? "ID" : info.idType) : scalarType(f.type)),
        resolve: (row) => row[f.name] ?? null,
      };
    }
    const target = entityInfo(f.type);
    const targetType = objectType(target);
    if (f.derivedFrom) {
      if (!f.list) {
        return { type: targetType, resolve: (row) => derivedRows(row, f)[0] ?? null };
      }
      return {
        type: wrap(targetType),
        args: collectionArgs(target),
        resolve: (row, args: CollectionArgs) => collect(derivedRows(row, f), target, args),
      };
    }
    if (f.list) {
      return {
        type: wrap(targetType),
        args: collectionArgs(target),
        resolve: (row, args: CollectionArgs) => collect(refRows(row[f.name], target), target, args),
      };
    }
    return {
      type: wrap(targetType),
      resolve: (row) => {
        const id = row[f.name];
        return id === null || id === undefined ? null : store.get(target.name, String(id));
      },
    };
  }

  const metaBlock = new GraphQLObjectType({
    name: "_Block_",
    fields: {
      number: { type: new GraphQLNonNull(GraphQLInt) },
      hash: { type: scalars.Bytes },
      timestamp: { type: GraphQLInt },
    },
  });
  const metaType = new GraphQLObjectType({
    name: "_Meta_",
    fields: {
      block: { type: new GraphQLNonNull(metaBlock) },
      deployment: { type: new GraphQLNonNull(GraphQLString) },
      hasIndexingErrors: { type: new GraphQLNonNull(GraphQLBoolean) },
    },
  });

  const query: GraphQLFieldConfigMap<unknown, unknown> = {};
  for (const info of model.entities.values()) {
    const type = objectType(info);
    query[singular(info.name)] = {
      type,
      args: {
        id: { type: new GraphQLNonNull(GraphQLID) },
        block: { type: blockHeight },
        subgraphError: { type: errorPolicy, defaultValue: "deny" },
      },
      resolve: (_root, args: { id: string; block?: unknown }) => {
        if (args.block !== undefined && args.block !== null) {
          throw new QueryError("Time-travel queries (the `block` argument) are not supported by the local indexer");
        }
        const id = info.idType === "Bytes" ? args.id.toLowerCase() : args.id;
        return store.get(info.name, id);
      },
    };
    query[pluralize(info.name)] = {
      type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(type))),
      args: {
        ...collectionArgs(info),
        block: { type: blockHeight },
        subgraphError: { type: errorPolicy, defaultValue: "deny" },
      },
      resolve: (_root, args: CollectionArgs) => collect(store.all(info.name), info, args),
    };
  }
  query._meta = { type: metaType, args: { block: { type: blockHeight } }, resolve: () => meta() };

  return new GraphQLSchema({ query: new GraphQLObjectType({ name: "Query", fields: query }) });
}
