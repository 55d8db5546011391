-- Platform: org tree, users and roles, sessions, audit log.
create extension if not exists pg_trgm;

-- The org tree: district → street → community → grid → building.
-- Households hang off buildings in their own table. `path` is the materialised
-- path of ids ('/1/2/7/'), so a subtree is `path like '/1/2/%'`; every scoped
-- table carries the path of the node it belongs to and filters on it in SQL.
create table org_node (
  id          bigint generated always as identity primary key,
  parent_id   bigint references org_node(id),
  kind        text not null check (kind in ('district', 'street', 'community', 'grid', 'building')),
  code        text not null unique,
  name        text not null,
  path        text not null unique,
  street_id   bigint references org_node(id),
  estate_id   bigint,
  address     text,
  boundary    jsonb,
  point       jsonb,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  check ((kind = 'district') = (parent_id is null)),
  check (boundary is null or kind in ('street', 'community', 'grid')),
  check (point is null or kind = 'building')
);
create index org_node_path_idx on org_node (path text_pattern_ops);
create index org_node_parent_idx on org_node (parent_id);

-- An estate (小区): the unit a property company serves and an owners' vote covers.
create table estate (
  id          bigint generated always as identity primary key,
  community_id bigint not null references org_node(id),
  street_id   bigint not null references org_node(id),
  org_path    text not null,
  name        text not null,
  created_at  timestamptz not null default now(),
  unique (community_id, name)
);
alter table org_node add constraint org_node_estate_fk foreign key (estate_id) references estate(id);

-- Organisations outside the tree: departments, property companies, partner units, social orgs.
create table organisation (
  id          bigint generated always as identity primary key,
  kind        text not null check (kind in ('department', 'property_company', 'partner_unit', 'social_org')),
  name        text not null,
  org_node_id bigint not null references org_node(id),
  street_id   bigint references org_node(id),
  org_path    text not null,
  contact_name  text,
  contact_phone text,
  created_at  timestamptz not null default now(),
  unique nulls not distinct (kind, street_id, name)
);
create index organisation_path_idx on organisation (org_path text_pattern_ops);

create table property_service (
  organisation_id bigint not null references organisation(id),
  estate_id       bigint not null references estate(id),
  since           date,
  primary key (organisation_id, estate_id)
);
create unique index property_service_one_company on property_service (estate_id);

-- Party organisations: committee → branch → group, attached to a community, grid or building.
create table party_org (
  id          bigint generated always as identity primary key,
  parent_id   bigint references party_org(id),
  kind        text not null check (kind in ('committee', 'branch', 'group')),
  name        text not null,
  org_node_id bigint not null references org_node(id),
  street_id   bigint references org_node(id),
  org_path    text not null,
  secretary   text,
  member_count integer not null default 0 check (member_count >= 0),
  created_at  timestamptz not null default now(),
  check ((kind = 'committee') = (parent_id is null))
);
create index party_org_path_idx on party_org (org_path text_pattern_ops);

create table app_user (
  id            bigint generated always as identity primary key,
  username      text not null unique check (username ~ '^[a-z0-9_.-]{3,64}$'),
  display_name  text not null,
  password_hash text not null,
  is_demo       boolean not null default false,
  resident_id   bigint,
  organisation_id bigint references organisation(id),
  failed_logins integer not null default 0,
  locked_until  timestamptz,
  password_changed_at timestamptz not null default now(),
  disabled_at   timestamptz,
  created_at    timestamptz not null default now()
);

-- A role is held at an org node; its data scope is that node's subtree.
create table user_role (
  id          bigint generated always as identity primary key,
  user_id     bigint not null references app_user(id) on delete cascade,
  role        text not null check (role in (
                'street_admin', 'community_staff', 'party_secretary', 'grid_worker', 'building_head',
                'department_handler', 'property_handler', 'owners_committee_member', 'resident', 'auditor')),
  org_node_id bigint not null references org_node(id),
  unique (user_id, role, org_node_id)
);
create index user_role_user_idx on user_role (user_id);

-- Staff of the community: residents' committee members, grid workers, building heads.
create table staff (
  id          bigint generated always as identity primary key,
  kind        text not null check (kind in ('committee_member', 'grid_worker', 'building_head')),
  employment  text check (employment in ('full_time', 'part_time')),
  name        text not null,
  title       text,
  org_node_id bigint not null references org_node(id),
  street_id   bigint references org_node(id),
  org_path    text not null,
  user_id     bigint references app_user(id),
  created_at  timestamptz not null default now(),
  check ((kind = 'grid_worker') = (employment is not null))
);
create index staff_path_idx on staff (org_path text_pattern_ops);

create table session (
  id          bigint generated always as identity primary key,
  token_hash  text not null unique,
  user_id     bigint not null references app_user(id) on delete cascade,
  created_at  timestamptz not null default now(),
  expires_at  timestamptz not null,
  revoked_at  timestamptz,
  ip          text,
  user_agent  text
);
create index session_user_idx on session (user_id);

-- Append-only, hash-chained audit log. One chain per street (chain 0 for the platform), so
-- streets do not queue behind each other; within a chain rows are appended under an advisory lock.
create table audit_log (
  id          bigint generated always as identity primary key,
  chain       bigint not null,
  seq         bigint not null,
  at          timestamptz not null,
  actor_id    bigint,
  actor_name  text not null,
  action      text not null,
  target_type text not null,
  target_id   text,
  summary     jsonb not null default '{}'::jsonb,
  request_id  text,
  prev_hash   text not null,
  hash        text not null,
  unique (chain, seq)
);
create index audit_log_target_idx on audit_log (target_type, target_id);

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

-- Key/value settings owned by the platform (e.g. seed marker).
create table setting (
  key         text primary key,
  value       jsonb not null,
  updated_at  timestamptz not null default now()
);
