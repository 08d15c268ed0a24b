-- The operation log (module audit). No column holds personal data: actors and subjects are opaque
-- identifiers, details carry identifiers only.
--
-- Writers only INSERT into audit_entry, without any lock, so that appends scale across threads and
-- nodes. A sealer later appends each entry to the hash chain (audit_chain) in commit-safe order and
-- signs a checkpoint (audit_checkpoint) with a key that is not in the database.
-- See docs/operation-log.md.

create table audit_entry (
    id          bigint generated always as identity primary key,
    entry_uuid  uuid        not null unique,
    occurred_at timestamptz not null,
    actor_kind  text        not null,
    actor_id    text        not null,
    action      text        not null,
    subject     text,
    purpose     text,
    -- Canonical JSON kept as text, not jsonb: the hashed bytes are exactly the stored bytes.
    details     text        not null,
    -- The writing transaction: the sealer chains only entries of transactions that have ended.
    txid        xid8        not null default pg_current_xact_id()
);

create index audit_entry_txid on audit_entry (txid, id);

create table audit_chain (
    seq        bigint primary key,
    entry_id   bigint not null unique references audit_entry (id),
    chain_hash bytea  not null
);

create table audit_checkpoint (
    seq           bigint      primary key,
    chain_hash    bytea       not null,
    xid_watermark xid8        not null,
    key_id        text        not null,
    signature     bytea       not null,
    created_at    timestamptz not null
);

-- Defence in depth: even the owner cannot change or remove a log row without first disabling
-- these triggers, which is itself a DDL change an auditor can see.
create function audit_refuse_change() returns trigger
    language plpgsql as
$$
begin
    raise exception 'table % is append-only: % refused', tg_table_name, tg_op;
end;
$$;

create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function audit_refuse_change();
create trigger audit_entry_no_truncate before truncate on audit_entry
    for each statement execute function audit_refuse_change();
create trigger audit_chain_append_only before update or delete on audit_chain
    for each row execute function audit_refuse_change();
create trigger audit_chain_no_truncate before truncate on audit_chain
    for each statement execute function audit_refuse_change();
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function audit_refuse_change();
create trigger audit_checkpoint_no_truncate before truncate on audit_checkpoint
    for each statement execute function audit_refuse_change();

-- The application may read and append, nothing else. It may not choose an entry's id or txid:
-- a forged txid could place an entry behind the sealer's watermark or out of order.
grant select on audit_entry, audit_chain, audit_checkpoint to ${app_role};
grant insert (entry_uuid, occurred_at, actor_kind, actor_id, action, subject, purpose, details)
    on audit_entry to ${app_role};
grant insert on audit_chain, audit_checkpoint to ${app_role};
