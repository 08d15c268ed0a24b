-- The self-hosted bot check (ALTCHA) of the identity module. Personal data: none.
-- hmac_key signs the challenges, so that every node accepts what any node issued; it guards only
-- against forged challenges (deleting the row makes a new key; challenges out at that moment fail).
create table identity_bot_check_key (
    id       smallint primary key check (id = 1),
    hmac_key bytea    not null
);

-- Solutions already used: SHA-256 of the challenge's signature, kept until the challenge expires,
-- so that a solved challenge is good for one request only, on any node.
create table identity_bot_check_spent (
    signature_hash bytea       primary key,
    expires_at     timestamptz not null
);

create index identity_bot_check_spent_expires on identity_bot_check_spent (expires_at);

grant select, insert on identity_bot_check_key to ${app_role};
grant select, insert, delete on identity_bot_check_spent to ${app_role};
