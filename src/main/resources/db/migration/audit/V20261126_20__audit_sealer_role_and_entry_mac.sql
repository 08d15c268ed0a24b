-- The operation log cannot be forged through the application's role (module audit).
-- See docs/operation-log.md and docs/security-controls.md.
--
-- 1. Only the sealer's role writes the hash chain and its checkpoints. Until now the application's
--    role could insert both: one checkpoint with a huge watermark stopped sealing without an error,
--    and one planted chain row made the sealer skip entries. The sealer's role has a login of its
--    own, used by a small pool of its own; nothing the application runs on its pool can reach it.
revoke insert on audit_chain, audit_checkpoint from ${app_role};
grant usage on schema public to ${sealer_role};
grant select on audit_entry, audit_chain, audit_checkpoint to ${sealer_role};
grant insert on audit_chain, audit_checkpoint to ${sealer_role};

-- 2. Each entry carries an HMAC-SHA256 computed by the writer with a key kept outside the database,
--    and the identifier of that key (so that the key can be rotated). No personal data: the MAC is
--    over identifiers, like the entry itself.
alter table audit_entry add column mac bytea, add column mac_key_id text;
grant insert (mac, mac_key_id) on audit_entry to ${app_role};

-- Entries written before this migration carry no MAC; every later one must. The boundary is fixed
-- here, once, and neither role may change it.
create table audit_mac_required (
    first_entry_id bigint not null
);
insert into audit_mac_required (first_entry_id) select coalesce(max(id), 0) + 1 from audit_entry;
create trigger audit_mac_required_append_only before update or delete on audit_mac_required
    for each row execute function audit_refuse_change();
create trigger audit_mac_required_no_truncate before truncate on audit_mac_required
    for each statement execute function audit_refuse_change();
grant select on audit_mac_required to ${app_role}, ${sealer_role};

-- 3. Entries whose MAC does not hold are not chained as genuine: the sealer records them here, once,
--    so that each is reported once and never looked at again by sealing (verify reports them always).
create table audit_rejected_entry (
    entry_id    bigint      primary key references audit_entry (id),
    reason      text        not null,
    detected_at timestamptz not null
);
create trigger audit_rejected_entry_append_only before update or delete on audit_rejected_entry
    for each row execute function audit_refuse_change();
create trigger audit_rejected_entry_no_truncate before truncate on audit_rejected_entry
    for each statement execute function audit_refuse_change();
grant select on audit_rejected_entry to ${app_role}, ${sealer_role};
grant insert on audit_rejected_entry to ${sealer_role};
