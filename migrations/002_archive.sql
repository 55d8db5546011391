-- Household archive (一居一册、一户一档): tags, households, residents, members, visits.

create table tag (
  code        text primary key check (code ~ '^[a-z0-9_]{2,40}$'),
  applies_to  text not null check (applies_to in ('household', 'resident', 'both')),
  name_zh     text not null,
  name_en     text not null,
  sort_order  integer not null default 0,
  active      boolean not null default true
);

insert into tag (code, applies_to, name_zh, name_en, sort_order) values
  ('elderly_alone',  'both',      '独居老人',   'Elderly living alone', 10),
  ('low_income',     'both',      '低保',       'Low income (dibao)',   20),
  ('disabled',       'both',      '残疾',       'Disabled',             30),
  ('special_needs',  'both',      '特殊困难',   'Special needs',        40),
  ('veteran',        'both',      '退役军人',   'Veteran',              50),
  ('party_member',   'both',      '党员户',     'Party-member household', 60),
  ('empty_nest',     'household', '空巢家庭',   'Empty-nest household', 70),
  ('rented_out',     'household', '出租户',     'Rented out',           80),
  ('volunteer',      'resident',  '志愿者',     'Volunteer',            90),
  ('key_care',       'both',      '重点关爱',   'Priority care',       100);

create table household (
  id           bigint generated always as identity primary key,
  building_id  bigint not null references org_node(id),
  grid_id      bigint not null references org_node(id),
  community_id bigint not null references org_node(id),
  street_id    bigint not null references org_node(id),
  org_path     text not null,
  unit         text not null default '',
  room         text not null,
  address      text not null,
  housing      text not null check (housing in ('owned', 'rented', 'public', 'other')),
  area_m2      numeric(10, 2) check (area_m2 is null or area_m2 > 0),
  tags         text[] not null default '{}',
  notes        text,
  version      integer not null default 1,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  unique (building_id, unit, room)
);
create index household_path_idx on household (org_path text_pattern_ops);
create index household_grid_idx on household (grid_id);
create index household_community_idx on household (community_id);
create index household_tags_idx on household using gin (tags);
create index household_address_trgm on household using gin (address gin_trgm_ops);

-- Identity numbers and phones are stored encrypted (AES-256-GCM), found by a keyed hash
-- (HMAC-SHA-256) and shown through a mask computed when written.
create table resident (
  id              bigint generated always as identity primary key,
  street_id       bigint not null references org_node(id),
  name            text not null,
  gender          text not null check (gender in ('male', 'female', 'unknown')),
  birth_date      date,
  id_number_enc   text,
  id_number_hash  text,
  id_number_mask  text,
  phone_enc       text,
  phone_hash      text,
  phone_mask      text,
  political_status text not null default 'masses' check (political_status in (
                     'cpc_member', 'cpc_probationary', 'cyl_member', 'democratic_party', 'masses')),
  tags            text[] not null default '{}',
  version         integer not null default 1,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  check ((id_number_enc is null) = (id_number_hash is null)),
  check ((phone_enc is null) = (phone_hash is null))
);
create unique index resident_id_number_uq on resident (id_number_hash) where id_number_hash is not null;
create index resident_phone_idx on resident (phone_hash) where phone_hash is not null;
create index resident_name_trgm on resident using gin (name gin_trgm_ops);
create index resident_tags_idx on resident using gin (tags);

alter table app_user add constraint app_user_resident_fk foreign key (resident_id) references resident(id);

create table household_member (
  id           bigint generated always as identity primary key,
  household_id bigint not null references household(id) on delete cascade,
  resident_id  bigint not null references resident(id),
  relationship text not null check (relationship in (
                 'head', 'spouse', 'child', 'parent', 'grandchild', 'grandparent', 'sibling',
                 'child_in_law', 'tenant', 'other')),
  since        date,
  until        date
);
create unique index household_member_current_uq on household_member (household_id, resident_id) where until is null;
create unique index household_member_one_head on household_member (household_id) where relationship = 'head' and until is null;
create index household_member_resident_idx on household_member (resident_id) where until is null;

create table visit (
  id             bigint generated always as identity primary key,
  household_id   bigint not null references household(id) on delete cascade,
  street_id      bigint not null references org_node(id),
  org_path       text not null,
  visitor_id     bigint references app_user(id),
  visitor_name   text not null,
  visited_at     timestamptz not null,
  method         text not null check (method in ('home', 'phone', 'online', 'other')),
  notes          text not null default '',
  follow_up      text,
  follow_up_due  date,
  follow_up_done_at timestamptz,
  created_at     timestamptz not null default now()
);
create index visit_household_idx on visit (household_id, visited_at desc);
create index visit_path_idx on visit (org_path text_pattern_ops, visited_at);

-- Import runs: what was uploaded, how far it got, and every error found.
create table import_job (
  id           bigint generated always as identity primary key,
  kind         text not null check (kind in ('households', 'residents')),
  status       text not null check (status in ('validating', 'importing', 'rejected', 'done', 'failed')),
  file_name    text not null,
  total_rows   integer not null default 0,
  processed_rows integer not null default 0,
  errors       jsonb not null default '[]'::jsonb,
  summary      jsonb not null default '{}'::jsonb,
  created_by   bigint references app_user(id),
  created_at   timestamptz not null default now(),
  finished_at  timestamptz
);
