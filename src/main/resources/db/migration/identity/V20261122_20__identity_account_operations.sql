-- Account operations (module identity): password reset, forced reset, e-mail change, passwordless
-- accounts, closing an account. Personal data: new_email_sealed only, vault ciphertext sealed for
-- subject customer:<account id>, field customer.email.pending, row <account id>. Tokens and codes are
-- stored only as SHA-256 hashes; the token or code itself is only in the mail.

-- Passwordless accounts register without a password: no hash at all.
alter table identity_registration alter column password_hash drop not null;

-- Set by an operator's forced reset (breach response); cleared when a new password is set. While set,
-- a right password opens no session.
alter table identity_customer_account add column password_reset_required_at timestamptz;

-- At most one valid reset token per account: a new request replaces the old one. The row stays after
-- use so that the count of mailed links per window keeps bounding requests for the account.
create table identity_password_reset (
    account_id        uuid        primary key references identity_customer_account (id) on delete cascade,
    token_hash        bytea       unique,
    token_expires_at  timestamptz,
    -- Links mailed since window_started_at.
    mails             integer     not null,
    window_started_at timestamptz not null
);

-- An e-mail change waiting for the code mailed to the new address. code_hash is SHA-256 of a random
-- salt, the account id and the code.
create table identity_email_change (
    account_id        uuid        primary key references identity_customer_account (id) on delete cascade,
    -- Null once the change is used up; the row stays so that the count of mails keeps holding.
    new_email_sealed  bytea,
    new_email_key_ref text,
    code_salt         bytea       not null,
    code_hash         bytea       not null,
    attempts          integer     not null,
    expires_at        timestamptz not null,
    -- Codes mailed since window_started_at, so that a session cannot flood a stranger's mailbox.
    mails             integer     not null,
    window_started_at timestamptz not null
);

grant select, insert, update on identity_password_reset to ${app_role};
grant select, insert, update on identity_email_change to ${app_role};
-- Closing an account deletes its row; the rows above, lockout, TOTP and e-mail codes go with it.
grant delete on identity_customer_account to ${app_role};
