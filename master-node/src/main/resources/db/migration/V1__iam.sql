-- IAM (Bouncer): users and service accounts, groups, ACLs and the permissions granted on them, signing keys,
-- OIDC providers, and the audit log. Identifiers follow DC/OS: uid/gid up to 96 chars, rids up to 512.

create table iam_user (
    uid            varchar(96)  primary key,
    description    text         not null default '',
    password_hash  text,                       -- local users: bcrypt ($2a$/$2b$/$2y$) or SHA-512-crypt ($6$)
    public_key     text,                       -- service accounts: PEM public key (RS256)
    is_service     boolean      not null default false,
    provider_type  varchar(32)  not null default 'internal', -- internal | oidc
    provider_id    varchar(255) not null default '',         -- the OIDC provider of an external user
    created_at     timestamptz  not null default now()
);

create table iam_group (
    gid            varchar(96)  primary key,
    description    text         not null default '',
    provider_type  varchar(32)  not null default 'internal',
    created_at     timestamptz  not null default now()
);

create table iam_membership (
    gid varchar(96) not null references iam_group (gid) on delete cascade,
    uid varchar(96) not null references iam_user (uid) on delete cascade,
    primary key (gid, uid)
);
create index iam_membership_uid on iam_membership (uid);

create table iam_acl (
    rid         varchar(512) primary key,
    description text         not null default '',
    created_at  timestamptz  not null default now()
);

create table iam_user_permission (
    rid    varchar(512) not null references iam_acl (rid) on delete cascade,
    uid    varchar(96)  not null references iam_user (uid) on delete cascade,
    action varchar(16)  not null check (action in ('create', 'read', 'update', 'delete', 'full')),
    primary key (rid, uid, action)
);
create index iam_user_permission_uid on iam_user_permission (uid);

create table iam_group_permission (
    rid    varchar(512) not null references iam_acl (rid) on delete cascade,
    gid    varchar(96)  not null references iam_group (gid) on delete cascade,
    action varchar(16)  not null check (action in ('create', 'read', 'update', 'delete', 'full')),
    primary key (rid, gid, action)
);
create index iam_group_permission_gid on iam_group_permission (gid);

-- RS256 key pairs that sign tokens: the newest unretired one signs, every one not yet expired verifies (JWKS).
create table iam_signing_key (
    kid              varchar(64) primary key,
    private_key_pem  text        not null,
    public_key_pem   text        not null,
    created_at       timestamptz not null default now(),
    retired_at       timestamptz,            -- no longer signs
    expires_at       timestamptz             -- no longer verifies (after the last token it signed expired)
);

create table iam_oidc_provider (
    provider_id               varchar(64) primary key,
    description               text        not null default '',
    issuer                    text        not null,
    base_url                  text        not null,
    client_id                 text        not null,
    client_secret             text        not null,
    verify_server_certificate boolean     not null default true,
    ca_certs                  text,
    created_at                timestamptz not null default now()
);

create table iam_audit (
    id         bigserial    primary key,
    at         timestamptz  not null default now(),
    actor      varchar(96),                  -- the uid that acted, or null before login
    action     varchar(64)  not null,        -- login, login-failed, user-create, acl-grant, ...
    object     varchar(600),                 -- what it acted on (uid, gid, rid[:action])
    outcome    varchar(16)  not null,        -- success | failure | denied
    remote_ip  varchar(64),
    detail     text
);
create index iam_audit_at on iam_audit (at);
