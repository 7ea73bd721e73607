-- A published version is what running dossiers execute: refuse any change to it at the database too.
CREATE FUNCTION procedure_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'procedure version % of procedure % is published and cannot be changed', OLD.version, OLD.procedure_id;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER procedure_versions_immutable BEFORE UPDATE ON procedure_versions FOR EACH ROW EXECUTE FUNCTION procedure_versions_immutable();
