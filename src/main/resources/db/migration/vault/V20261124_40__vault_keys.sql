-- The vault (module vault): subjects' data keysets, rotation progress and the blind index.
-- No column holds personal data in plain text. vault_keyset.keyset is a Tink keyset encrypted with
-- the subject's key-encryption key, which is NOT in the database (see docs/vault.md): a dump of this
-- database alone opens nothing, and once a subject's key-encryption key is deleted its row here (in
-- this database, its replicas or any old dump) can never be decrypted again.
--
-- Personal-data columns: none. vault_blind_index.digest is a keyed HMAC of an e-mail address or a
-- phone number (pseudonymous, see docs/vault.md for what it still links).

create table vault_keyset (
    subject_kind   text        not null,
    subject_id     text        not null,
    -- Compare-and-set: every change of the keyset increments it.
    version        bigint      not null,
    keyset         bytea       not null,
    primary_key_id bigint      not null,
    primary_since  timestamptz not null,
    primary key (subject_kind, subject_id)
);

create index vault_keyset_primary_since on vault_keyset (primary_since);

-- Keys replaced as primary, waiting until no SealedValueStore reports a value under them.
create table vault_retiring_key (
    key_ref      text        primary key,
    subject_kind text        not null,
    subject_id   text        not null,
    rotated_at   timestamptz not null
);

create index vault_retiring_key_subject on vault_retiring_key (subject_kind, subject_id);

-- A request to rotate every subject's data key; subjects whose primary key is older are rotated.
create table vault_rotation_campaign (
    id           bigint generated always as identity primary key,
    requested_at timestamptz not null,
    finished_at  timestamptz
);

create table vault_blind_index (
    kind         text  not null,
    digest       bytea not null,
    subject_kind text  not null,
    subject_id   text  not null,
    primary key (kind, digest, subject_kind, subject_id)
);

create index vault_blind_index_subject on vault_blind_index (subject_kind, subject_id);

grant select, insert, update, delete on vault_keyset, vault_retiring_key, vault_blind_index to ${app_role};
grant select, insert, update on vault_rotation_campaign to ${app_role};
