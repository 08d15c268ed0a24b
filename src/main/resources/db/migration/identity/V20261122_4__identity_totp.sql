-- TOTP second factor for customers (module identity). Personal data: none in plain text.
-- secret_sealed is vault ciphertext of the shared secret, sealed for subject customer:<account id>,
-- field customer.totp, row <account id>. confirmed_at stays null until the customer proves with a
-- first code that the authenticator holds the secret; only then does sign-in ask for a code.
-- last_step is the last RFC 6238 time step accepted: codes for it or any earlier step are refused.
create table identity_customer_totp (
    account_id     uuid        primary key references identity_customer_account (id) on delete cascade,
    secret_sealed  bytea       not null,
    secret_key_ref text        not null,
    created_at     timestamptz not null,
    confirmed_at   timestamptz,
    last_step      bigint
);

-- One-time recovery codes: SHA-256 of the account id and the normalised code; the code itself is
-- shown to the customer once and never stored. A code is spent by deleting its row.
create table identity_customer_recovery_code (
    account_id uuid  not null references identity_customer_account (id) on delete cascade,
    code_hash  bytea not null,
    primary key (account_id, code_hash)
);

grant select, insert, update, delete on identity_customer_totp to ${app_role};
grant select, insert, delete on identity_customer_recovery_code to ${app_role};
