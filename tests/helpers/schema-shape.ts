// A provider's catalog reduced to what a schema means (tables, columns, indexes, foreign keys), so a
// database built from the migrations can be compared with one built straight from schema.prisma.
import type { RawSql } from "./raw-sql";

export type SchemaShape = Record<string, { columns: string[]; indexes: string[]; foreignKeys: string[] }>;

const IGNORED = /^(_prisma_migrations|sqlite_.*)$/;

async function sqliteShape(raw: RawSql): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const tables = await raw.all<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`);
  for (const { name } of tables.filter((t) => !IGNORED.test(t.name))) {
    const columns = await raw.all<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(`SELECT * FROM pragma_table_info(?)`, name);
    const indexList = await raw.all<{ name: string; unique: number }>(`SELECT * FROM pragma_index_list(?)`, name);
    const indexes: string[] = [];
    for (const index of indexList) {
      const parts = await raw.all<{ name: string }>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`, index.name);
      indexes.push(`${index.name} ${index.unique ? "UNIQUE " : ""}(${parts.map((p) => p.name).join(", ")})`);
    }
    const fks = await raw.all<{ table: string; from: string; to: string; on_update: string; on_delete: string }>(`SELECT * FROM pragma_foreign_key_list(?)`, name);
    shape[name] = {
      columns: columns.map((c) => `${c.name} ${c.type}${c.notnull ? " NOT NULL" : ""}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ""}${c.pk ? " PK" : ""}`).sort(),
      indexes: indexes.sort(),
      foreignKeys: fks.map((f) => `${f.from} -> ${f.table}.${f.to} ON DELETE ${f.on_delete} ON UPDATE ${f.on_update}`).sort(),
    };
  }
  return shape;
}

async function postgresShape(raw: RawSql): Promise<SchemaShape> {
  const shape: SchemaShape = {};
  const tables = await raw.all<{ name: string }>(
    `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  for (const { name } of tables.filter((t) => !IGNORED.test(t.name))) {
    const columns = await raw.all<{ c: string }>(
      `SELECT column_name || ' ' || data_type || coalesce('(' || datetime_precision || ')', '') || CASE WHEN is_nullable = 'NO' THEN ' NOT NULL' ELSE '' END || coalesce(' DEFAULT ' || column_default, '') AS c
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?`,
      name,
    );
    const indexes = await raw.all<{ d: string }>(`SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?`, name);
    const fks = await raw.all<{ d: string }>(
      `SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE contype = 'f' AND conrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass`,
      name,
    );
    shape[name] = { columns: columns.map((r) => r.c).sort(), indexes: indexes.map((r) => r.d).sort(), foreignKeys: fks.map((r) => r.d).sort() };
  }
  return shape;
}

export function schemaShape(raw: RawSql, provider: "sqlite" | "postgresql"): Promise<SchemaShape> {
  return provider === "postgresql" ? postgresShape(raw) : sqliteShape(raw);
}
