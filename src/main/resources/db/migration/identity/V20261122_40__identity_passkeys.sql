-- Customers' passkeys (WebAuthn credentials; module identity). Personal data: the label a customer
-- gives a passkey may name a person, so it is sealed by the vault (label_sealed: field
-- customer.passkey_label, row <passkey_id>) and the plain label column holds a fixed placeholder.
-- name is the account UUID and display_name the customer's user ID (see V20261122_1); the WebAuthn
-- user handle (id) is random, so an authenticator never learns either. Public keys are not secret.
-- Closing an account (deleting its row) deletes its user entity and with it every passkey.
create table identity_passkey_user (
    id           varchar(1000) primary key,
    name         varchar(100)  not null unique,
    display_name varchar(200),
    account_id   uuid generated always as (name::uuid) stored
                 references identity_customer_account (id) on delete cascade
);

create table identity_passkey_credential (
    credential_id                varchar(1000) primary key,
    -- The passkey's name in URLs and the vault's row: random, and shorter than a credential ID.
    passkey_id                   uuid          not null unique default gen_random_uuid(),
    user_entity_user_id          varchar(1000) not null references identity_passkey_user (id) on delete cascade,
    public_key                   bytea         not null,
    signature_count              bigint,
    uv_initialized               boolean,
    backup_eligible              boolean       not null,
    authenticator_transports     varchar(1000),
    public_key_credential_type   varchar(100),
    backup_state                 boolean       not null,
    attestation_object           bytea,
    attestation_client_data_json bytea,
    created                      timestamptz,
    last_used                    timestamptz,
    label                        varchar(1000) not null,
    label_sealed                 bytea,
    label_key_ref                text
);

create index identity_passkey_credential_user on identity_passkey_credential (user_entity_user_id);

-- The names and columns that Spring Security's JdbcPublicKeyCredentialUserEntityRepository and
-- JdbcUserCredentialRepository expect; PostgreSQL writes through these simple views to the tables.
create view user_entities as
    select id, name, display_name from identity_passkey_user;

create view user_credentials as
    select credential_id, user_entity_user_id, public_key, signature_count, uv_initialized, backup_eligible,
           authenticator_transports, public_key_credential_type, backup_state, attestation_object,
           attestation_client_data_json, created, last_used, label
    from identity_passkey_credential;

-- Challenges handed out for a registration or a sign-in: each is taken (deleted) by the one answer
-- that may use it, and is worthless after expires_at. source_address (an IP address) bounds how many
-- an anonymous caller may hold; rows live minutes.
create table identity_passkey_challenge (
    id             uuid        primary key,
    purpose        text        not null check (purpose in ('registration', 'sign_in', 'second_factor')),
    account_id     uuid        references identity_customer_account (id) on delete cascade,
    challenge      bytea       not null,
    source_address text        not null,
    expires_at     timestamptz not null
);

create index identity_passkey_challenge_source on identity_passkey_challenge (source_address, expires_at);
create index identity_passkey_challenge_expiry on identity_passkey_challenge (expires_at);

grant select, insert, update, delete on user_entities, user_credentials to ${app_role};
grant select on identity_passkey_user to ${app_role};
grant select, update, delete on identity_passkey_credential to ${app_role};
grant select, insert, delete on identity_passkey_challenge to ${app_role};
