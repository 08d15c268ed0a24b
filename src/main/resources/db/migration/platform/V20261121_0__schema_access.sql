-- The application's role may use the schema; each module's migrations grant it exactly the table
-- privileges it needs, table by table. It owns nothing and cannot create, alter or drop.
grant usage on schema public to ${app_role};
