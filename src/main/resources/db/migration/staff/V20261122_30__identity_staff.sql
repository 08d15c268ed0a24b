-- Staff accounts, roles and permissions (module identity). Personal data: none in plain text.
-- user_id is the login name an administrator chose for the member (no '@', never an e-mail address).
-- totp_sealed is vault ciphertext of the TOTP shared secret, sealed for subject staff:<id>, field
-- staff.totp, row <id>. password_hash is a PHC string; null until the member sets a password with
-- their one-time setup token. Staff never share tables with customers: a staff ID and a customer ID
-- can never be mistaken for one another.

create table identity_staff_account (
    id                uuid        primary key,
    user_id           text        not null,
    -- NFKC, lower case: the form sign-in looks up.
    user_id_key       text        not null unique,
    password_hash     text,
    totp_sealed       bytea,
    totp_key_ref      text,
    -- Null until the member proves with a first code that the authenticator holds the secret.
    totp_confirmed_at timestamptz,
    -- The last RFC 6238 time step accepted: codes for it or any earlier step are refused.
    totp_last_step    bigint,
    created_at        timestamptz not null,
    disabled_at       timestamptz
);

-- Roles are named sets of permissions. Permissions are names of an enum in the code; the built-in
-- ADMINISTRATOR role holds every permission in the code and so has no rows here.
create table identity_staff_role (
    name     text    primary key,
    built_in boolean not null
);

create table identity_staff_role_permission (
    role_name  text not null references identity_staff_role (name) on delete cascade,
    permission text not null,
    primary key (role_name, permission)
);

create table identity_staff_member_role (
    staff_id  uuid not null references identity_staff_account (id) on delete cascade,
    role_name text not null references identity_staff_role (name),
    primary key (staff_id, role_name)
);

-- Consecutive failed sign-ins per staff account and its lockout, as identity_account_lockout is for
-- customers.
create table identity_staff_lockout (
    account_id      uuid        primary key references identity_staff_account (id) on delete cascade,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    level           integer     not null,
    locked_until    timestamptz
);

-- One-time setup tokens: SHA-256 of the token; the token itself is shown once (the first one on the
-- server's standard error, later ones to the administrator who created the member). staff_id is
-- null for the token that creates the first administrator.
create table identity_staff_setup_token (
    token_hash bytea       primary key,
    staff_id   uuid        references identity_staff_account (id) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);

insert into identity_staff_role (name, built_in) values ('ADMINISTRATOR', true);
insert into identity_staff_role (name, built_in) values ('AUDITOR', true);
insert into identity_staff_role_permission (role_name, permission) values ('AUDITOR', 'AUDIT_VERIFY');
insert into identity_staff_role_permission (role_name, permission) values ('AUDITOR', 'STAFF_READ');
insert into identity_staff_role (name, built_in) values ('CUSTOMER_SUPPORT', true);
insert into identity_staff_role_permission (role_name, permission) values ('CUSTOMER_SUPPORT', 'CUSTOMERS_READ');
insert into identity_staff_role_permission (role_name, permission) values ('CUSTOMER_SUPPORT', 'CUSTOMERS_FORCE_RESET');

grant select, insert, update on identity_staff_account to ${app_role};
grant select on identity_staff_role to ${app_role};
grant select on identity_staff_role_permission to ${app_role};
grant select, insert, delete on identity_staff_member_role to ${app_role};
grant select, insert, update on identity_staff_lockout to ${app_role};
grant select, insert, update on identity_staff_setup_token to ${app_role};
