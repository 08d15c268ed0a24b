-- Sign-in notices waiting to be mailed (module identity). A successful sign-in's history entry is its
-- own notice: it already holds everything the mail says (time, address, device summary, method), so
-- nothing more is stored and nothing is copied. The mail is sent after the sign-in has answered; the
-- recipient's address is opened from the vault only when it is sent.
-- notice_due_at: when the notice is next to be sent; null when there is nothing to send.
-- notice_language: the language of the request that signed in ('ja' or 'en').
-- notice_method: how the mail names the method when it says more than method does (e.g. a passkey
--   after a password).
-- notice_attempts: deliveries tried and failed so far; the notice is given up after a few.
-- Retention: as the history's (the newest 50 entries per account; all of them when the account closes).

alter table identity_sign_in_history
    add column notice_due_at    timestamptz,
    add column notice_language  text check (notice_language in ('ja', 'en')),
    add column notice_method    text check (notice_method in ('password', 'email_code', 'totp', 'recovery_code',
                                                              'passkey', 'password_passkey')),
    add column notice_attempts  smallint not null default 0;

create index identity_sign_in_history_notice_due on identity_sign_in_history (notice_due_at)
    where notice_due_at is not null;

grant update (notice_due_at, notice_language, notice_method, notice_attempts) on identity_sign_in_history to ${app_role};
