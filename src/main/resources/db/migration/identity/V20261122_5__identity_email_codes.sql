-- Passwordless sign-in by a 6-digit code sent to the confirmed e-mail address (module identity).
-- Personal data: none. One row per account that has asked for a code. The code itself is only in the
-- mail: code_hash is SHA-256 of a random per-code salt, the account id and the code. A new code
-- replaces the old one (code_* columns) but keeps the failure budget (failures, window_started_at),
-- so asking again does not buy more guesses.
create table identity_email_code (
    account_id        uuid        primary key references identity_customer_account (id) on delete cascade,
    code_salt         bytea,
    code_hash         bytea,
    code_attempts     integer     not null,
    code_expires_at   timestamptz,
    -- Wrong codes for this account since window_started_at, whatever code they were aimed at.
    failures          integer     not null,
    window_started_at timestamptz
);

grant select, insert, update on identity_email_code to ${app_role};
