-- A built-in role for managing staff without the privileged operations (module staff). Personal data:
-- none. STAFF_MANAGER sees staff and changes their roles or disables them; creating members and granting
-- ADMINISTRATOR need PRIVILEGED_OPERATIONS, which only ADMINISTRATOR holds by default.
insert into identity_staff_role (name, built_in) values ('STAFF_MANAGER', true);
insert into identity_staff_role_permission (role_name, permission) values ('STAFF_MANAGER', 'STAFF_READ');
insert into identity_staff_role_permission (role_name, permission) values ('STAFF_MANAGER', 'STAFF_MANAGE');
