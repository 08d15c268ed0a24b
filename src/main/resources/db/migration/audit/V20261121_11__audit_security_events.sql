-- Security events (module audit), as published by jp.mamori.platform.SecurityEvents. Events carry
-- identifiers and network facts only (the event record refuses e-mail addresses and card numbers),
-- so no column holds personal data. Insert-only like the operation log.

create table security_event (
    id          uuid        primary key,
    name        text        not null,
    occurred_at timestamptz not null,
    -- Canonical JSON object of string attributes.
    attributes  text        not null
);

create index security_event_recent on security_event (occurred_at desc);

create trigger security_event_append_only before update or delete on security_event
    for each row execute function audit_refuse_change();
create trigger security_event_no_truncate before truncate on security_event
    for each statement execute function audit_refuse_change();

grant select, insert on security_event to ${app_role};
