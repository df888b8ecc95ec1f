-- The users Runway has met: the demo users at start-up (embedded profile) and every OIDC user at
-- console sign-in or on an API call, with the e-mail address and the groups the identity provider
-- gave. An initiative's owner whose name matches a user here (user name or e-mail, case-folded) is
-- linked to that user: they see the initiative as theirs and get the owner's notifications.
create table user_directory (
    username      text primary key,
    email         text,
    display_name  text,
    groups        text[]      not null default '{}',
    source        text        not null,
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now()
);
create index user_directory_username_ci_idx on user_directory (lower(username));
create index user_directory_email_ci_idx on user_directory (lower(email));
