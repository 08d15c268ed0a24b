-- Unlock links mailed when a lockout starts (module identity). Personal data: none. token_hash is
-- SHA-256 of a 256-bit random token; the token itself is only in the mail. One row per account at
-- most: a new lockout replaces the link, a used or expired link is deleted, and closing the account
-- deletes it (on delete cascade).

create table identity_unlock_token (
    account_id  uuid        primary key references identity_customer_account (id) on delete cascade,
    token_hash  bytea       not null unique,
    created_at  timestamptz not null,
    expires_at  timestamptz not null
);

grant select, insert, update, delete on identity_unlock_token to ${app_role};
