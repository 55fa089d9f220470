// The entity model of schema.graphql, as the store and the query layer need it: each field's
// base type, whether it is a list, required, a reference to another entity, or derived.
import { readFileSync } from "node:fs";
import {
  buildSchema,
  getNamedType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
} from "graphql";

/** The directives and scalars graph-node predefines for a subgraph schema. */
export const SUBGRAPH_PRELUDE = `
directive @entity(immutable: Boolean, timeseries: Boolean) on OBJECT
directive @derivedFrom(field: String!) on FIELD_DEFINITION
directive @fulltext(name: String!, language: String, algorithm: String, include: [FulltextInclude!]!) on SCHEMA
input FulltextInclude { entity: String! }
scalar BigInt
scalar BigDecimal
scalar Bytes
scalar Int8
scalar Timestamp
`;

export type ScalarName = "ID" | "String" | "Int" | "Boolean" | "BigInt" | "BigDecimal" | "Bytes" | "Int8" | "Timestamp";

export type FieldInfo = {
  name: string;
  /** A scalar name, or the referenced entity's name. */
  type: string;
  isEntity: boolean;
  list: boolean;
  required: boolean;
  /** The field on the other entity this one is derived from. */
  derivedFrom?: string;
  /** For references: the scalar the referenced id is stored as (ID/String or Bytes). */
  storedAs: ScalarName;
};

export type EntityInfo = {
  name: string;
  immutable: boolean;
  idType: ScalarName;
  fields: Map<string, FieldInfo>;
};

export class SchemaError extends Error {
  override name = "SchemaError";
}

const SCALARS = new Set<string>([
  "ID",
  "String",
  "Int",
  "Boolean",
  "BigInt",
  "BigDecimal",
  "Bytes",
  "Int8",
  "Timestamp",
]);

function unwrap(t: GraphQLType): { list: boolean; required: boolean } {
  const required = isNonNullType(t);
  const inner = isNonNullType(t) ? t.ofType : t;
  return { list: isListType(inner), required };
}

function fieldInfo(f: GraphQLField<unknown, unknown>): Omit<FieldInfo, "storedAs"> {
  const named = getNamedType(f.type).name;
  const derived = f.astNode?.directives?.find((d) => d.name.value === "derivedFrom");
  const arg = derived?.arguments?.find((a) => a.name.value === "field");
  const derivedFrom = arg && arg.value.kind === "StringValue" ? arg.value.value : undefined;
  return { name: f.name, type: named, isEntity: !SCALARS.has(named), ...unwrap(f.type), derivedFrom };
}

export type EntityModel = { schema: GraphQLSchema; entities: Map<string, EntityInfo> };

export function loadEntityModel(schemaPath: string): EntityModel {
  const sdl = readFileSync(schemaPath, "utf8");
  const schema = buildSchema(SUBGRAPH_PRELUDE + sdl);
  const objects: GraphQLObjectType[] = Object.values(schema.getTypeMap()).filter(
    (t): t is GraphQLObjectType =>
      isObjectType(t) &&
      !t.name.startsWith("__") &&
      t.astNode?.directives?.some((d) => d.name.value === "entity") === true,
  );
  const entities = new Map<string, EntityInfo>();
  for (const o of objects) {
    const idField = o.getFields().id;
    if (!idField) throw new SchemaError(`Entity ${o.name} has no id field`);
    const idType = getNamedType(idField.type).name as ScalarName;
    const immutableArg = o.astNode?.directives
      ?.find((d) => d.name.value === "entity")
      ?.arguments?.find((a) => a.name.value === "immutable");
    const immutable = immutableArg?.value.kind === "BooleanValue" && immutableArg.value.value;
    const fields = new Map<string, FieldInfo>();
    for (const f of Object.values(o.getFields())) {
      fields.set(f.name, { ...fieldInfo(f), storedAs: "String" });
    }
    entities.set(o.name, { name: o.name, immutable, idType, fields });
  }
  for (const e of entities.values()) {
    for (const f of e.fields.values()) {
      if (!f.isEntity) {
        f.storedAs = f.type as ScalarName;
        continue;
      }
      const target = entities.get(f.type);
      if (!target)
        throw new SchemaError(
          `${e.name}.${f.name} refers to ${f.type}, which is not an @entity (interfaces are not supported)`,
        );
      f.storedAs = target.idType === "Bytes" ? "Bytes" : "String";
      if (f.derivedFrom && !target.fields.has(f.derivedFrom)) {
        throw new SchemaError(`${e.name}.${f.name} is derived from ${f.type}.${f.derivedFrom}, which does not exist`);
      }
    }
  }
  return { schema, entities };
}
