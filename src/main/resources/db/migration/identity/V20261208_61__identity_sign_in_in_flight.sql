-- Password sign-ins being evaluated right now (module identity), counted before the hash and removed
-- after it, so that a parallel burst cannot have more hashes computed for one user ID or one network
-- than the configured caps (mamori.identity.in-flight.*). Every node counts in this one table.
-- scope 'user': subject is the SHA-256 (hex) of the typed user ID's key, known account or not, so that
--   the cap answers alike for existing and unknown user IDs and no typed user ID is stored as typed.
-- scope 'network': subject is the client's /24 (IPv4) or /48 (IPv6) prefix; operators may need to treat
--   it as personal data together with other facts.
-- touched_at: when the count last went up; a count untouched for mamori.identity.in-flight.forget-after
--   starts again from 1 (a node that stopped mid-hash never gave its count back).
-- Retention: a row is deleted when its last attempt finishes; rows left by a stopped node are reset by
--   the next attempt and hold no more than the subject.
create table identity_sign_in_in_flight (
    scope      text        not null check (scope in ('user', 'network')),
    subject    text        not null,
    in_flight  integer     not null check (in_flight >= 0),
    touched_at timestamptz not null,
    primary key (scope, subject)
);

grant select, insert, update, delete on identity_sign_in_in_flight to ${app_role};
