-- The two database roles of PLMS (idempotent). Run as a superuser:
--   psql -h 127.0.0.1 -U postgres -v app_password=SECRET1 -v owner_password=SECRET2 -f scripts/postgres-roles.sql
-- plms_owner owns the database and the tables and runs migrations.
-- plms_app is what the application connects as: not superuser, not BYPASSRLS, owns nothing,
-- so PostgreSQL row-level security applies to every query it makes.
\set ON_ERROR_STOP on
SELECT 'CREATE ROLE plms_owner LOGIN CREATEDB NOSUPERUSER NOBYPASSRLS'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plms_owner') \gexec
SELECT 'CREATE ROLE plms_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE'
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'plms_app') \gexec
ALTER ROLE plms_app NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
ALTER ROLE plms_owner NOSUPERUSER NOBYPASSRLS CREATEDB;
SELECT format('ALTER ROLE plms_owner PASSWORD %L', :'owner_password') WHERE :'owner_password' <> '' \gexec
SELECT format('ALTER ROLE plms_app PASSWORD %L', :'app_password') WHERE :'app_password' <> '' \gexec
SELECT 'CREATE DATABASE plms OWNER plms_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'plms') \gexec
