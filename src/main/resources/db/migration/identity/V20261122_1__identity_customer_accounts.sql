-- Customer accounts (module identity). Personal data: none. The user ID is the login name the
-- customer picked (no '@', so never an e-mail address); name, e-mail and phone arrive sealed by the
-- vault in a later migration. password_hash is a PHC string ($argon2id$v=19$m=...,t=...,p=...$salt$hash);
-- null for accounts that will sign in without a password.

create table identity_customer_account (
    id                  uuid        primary key,
    user_id             text        not null,
    -- NFKC, lower case: the form sign-in looks up.
    user_id_key         text        not null unique,
    password_hash       text,
    created_at          timestamptz not null,
    password_changed_at timestamptz
);

-- Consecutive failed passwords per account and its lockout. Lockouts apply to the password path only.
create table identity_account_lockout (
    account_id      uuid        primary key references identity_customer_account (id) on delete cascade,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    -- How many lockouts in a row (each doubles the next, up to the cap); back to 0 on success.
    level           integer     not null,
    locked_until    timestamptz
);

-- Failed sign-ins per source: 'address' (one IP) and 'network' (its /24 or /64). The subject is an
-- IP address or prefix, which operators may need to treat as personal data together with other
-- facts; rows are forgotten after the configured quiet period (docs/identity.md).
create table identity_source_throttle (
    scope           text        not null check (scope in ('address', 'network')),
    subject         text        not null,
    failures        integer     not null,
    last_failure_at timestamptz not null,
    blocked_until   timestamptz,
    primary key (scope, subject)
);

grant select, insert, update on identity_customer_account to ${app_role};
grant select, insert, update on identity_account_lockout to ${app_role};
grant select, insert, update, delete on identity_source_throttle to ${app_role};
