-- Runs once, when the postgres volume is first created: Keycloak gets its own database and role.
-- Change the password here and in KEYCLOAK_DB_PASSWORD before the first start.
CREATE ROLE keycloak LOGIN PASSWORD 'keycloak';
CREATE DATABASE keycloak OWNER keycloak;
