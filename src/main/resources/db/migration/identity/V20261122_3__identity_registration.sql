-- Registration and the customer's personal data (module identity).
-- Personal data columns hold vault ciphertext (bytea) plus the key reference (text), sealed for the
-- subject customer:<account id>, row <account id>: name_sealed, email_sealed, household_sealed,
-- phone_sealed. Nothing here is plain text; e-mail and phone are found through the vault's blind index.

alter table identity_customer_account
    add column name_sealed        bytea,
    add column name_key_ref       text,
    add column email_sealed       bytea,
    add column email_key_ref      text,
    add column household_sealed   bytea,
    add column household_key_ref  text,
    add column phone_sealed       bytea,
    add column phone_key_ref      text,
    add column email_confirmed_at timestamptz;

-- A registration waiting for its e-mail address to be confirmed. The account's identifier is chosen
-- here, so the sealed values are already bound to the account row they will move to. code_hash is
-- SHA-256 of the registration id and the code; the code itself is only in the mail.
create table identity_registration (
    id                uuid        primary key,
    account_id        uuid        not null unique,
    user_id           text        not null,
    password_hash     text        not null,
    name_sealed       bytea       not null,
    name_key_ref      text        not null,
    email_sealed      bytea       not null,
    email_key_ref     text        not null,
    household_sealed  bytea,
    household_key_ref text,
    code_hash         bytea       not null,
    attempts          integer     not null,
    created_at        timestamptz not null,
    expires_at        timestamptz not null
);

create index identity_registration_expires on identity_registration (expires_at);

grant select, insert, update, delete on identity_registration to ${app_role};
