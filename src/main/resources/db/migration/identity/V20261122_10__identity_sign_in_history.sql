-- Sign-in history (module identity): every sign-in attempt against a known account, for the
-- customer to review. Personal data: source_address is the client's IP address, which operators may
-- need to treat as personal data together with other facts; device is a summary from a fixed list of
-- browser and system names (never the raw User-Agent). No user ID, name or e-mail address.
-- Retention: the newest 50 rows per account; each insert deletes the older ones, and closing the
-- account deletes them all (on delete cascade).

create table identity_sign_in_history (
    -- Orders entries that share a time; never shown to anyone.
    id             bigint      generated always as identity primary key,
    account_id     uuid        not null references identity_customer_account (id) on delete cascade,
    occurred_at    timestamptz not null,
    source_address text        not null,
    device         text,
    method         text        not null check (method in ('password', 'email_code', 'totp', 'recovery_code', 'passkey')),
    result         text        not null check (result in ('succeeded', 'refused', 'locked', 'throttled',
                                                          'second_factor_required'))
);

create index identity_sign_in_history_account on identity_sign_in_history (account_id, occurred_at desc, id desc);

grant select, insert, delete on identity_sign_in_history to ${app_role};
