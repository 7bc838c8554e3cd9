-- The audit log is append-only: the database itself refuses to change or remove an event.
-- Prisma's Postgres adapter splits migrations on every semicolon (even in quotes or comments), so the
-- body writes its semicolon as the Unicode escape 003B.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql
  AS U&'BEGIN RAISE EXCEPTION ''AuditEvent is append-only''\003B END';

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

-- TRUNCATE skips row triggers: refuse it too.
CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();
