-- Security events in the order they were recorded: many can share one timestamp (a burst of refusals,
-- or a clock that tests hold still), and "the most recent" must still mean the last ones written.
alter table security_event add column recorded bigint generated always as identity;
drop index security_event_recent;
create index security_event_recent on security_event (occurred_at desc, recorded desc);
