-- Deliberation (协商议事): topics → vetting → meetings → resolutions → tasks → outcome, and owners' votes
-- (业主表决) under Civil Code art. 278. Community-level rows carry the community's org_path and street_id.

-- Per-community settings: how many residents must support a topic before it goes to vetting.
create table deliberation_setting (
  community_id      bigint primary key references org_node(id),
  street_id         bigint not null references org_node(id),
  org_path          text not null,
  support_threshold integer not null check (support_threshold between 1 and 100000),
  updated_by        bigint references app_user(id),
  updated_at        timestamptz not null default now()
);

-- A topic (议题): raised by a resident (collects support first), from a case, or by staff.
create table topic (
  id              bigint generated always as identity primary key,
  community_id    bigint not null references org_node(id),
  street_id       bigint not null references org_node(id),
  org_path        text not null,
  source          text not null check (source in ('resident', 'case', 'staff')),
  case_id         bigint,
  title           text not null,
  description     text not null,
  proposer_id     bigint not null references app_user(id),
  proposer_resident_id bigint references resident(id),
  status          text not null check (status in (
                    'collecting', 'vetting', 'accepted', 'merged', 'declined', 'deliberated', 'concluded')),
  support_count   integer not null default 0 check (support_count >= 0),
  merged_into_id  bigint references topic(id),
  decline_reason  text,
  vet_note        text,
  vetted_by       bigint references app_user(id),
  vetted_at       timestamptz,
  feedback        text,
  feedback_at     timestamptz,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  check ((source = 'case') = (case_id is not null)),
  check ((status = 'merged') = (merged_into_id is not null)),
  check ((status = 'declined') = (decline_reason is not null)),
  check (merged_into_id is null or merged_into_id <> id),
  check ((status = 'concluded') = (feedback is not null))
);
create index topic_path_idx on topic (org_path text_pattern_ops, created_at desc);
create index topic_community_status_idx on topic (community_id, status);
create index topic_case_idx on topic (case_id) where case_id is not null;

-- One support per resident per topic.
create table topic_support (
  topic_id    bigint not null references topic(id),
  resident_id bigint not null references resident(id),
  user_id     bigint not null references app_user(id),
  created_at  timestamptz not null default now(),
  constraint topic_support_one_per_resident primary key (topic_id, resident_id)
);

-- A meeting: residents' council (议事会), joint meeting (联席会议), hearing (听证会), heart-to-heart (恳谈会).
create table meeting (
  id               bigint generated always as identity primary key,
  community_id     bigint not null references org_node(id),
  street_id        bigint not null references org_node(id),
  org_path         text not null,
  kind             text not null check (kind in ('council', 'joint', 'hearing', 'heart_to_heart')),
  title            text not null,
  location         text not null,
  starts_at        timestamptz not null,
  ends_at          timestamptz,
  capacity         integer not null check (capacity > 0),
  registered_count integer not null default 0,
  comment_opens_at  timestamptz,
  comment_closes_at timestamptz,
  -- Signs check-in tokens (QR codes); never leaves the server.
  checkin_secret   text not null,
  status           text not null default 'scheduled' check (status in ('scheduled', 'closed')),
  minutes          text,
  minutes_at       timestamptz,
  closed_at        timestamptz,
  created_by       bigint references app_user(id),
  created_at       timestamptz not null default now(),
  check (registered_count >= 0 and registered_count <= capacity),
  check (ends_at is null or ends_at > starts_at),
  check ((comment_opens_at is null) = (comment_closes_at is null)),
  check (comment_closes_at is null or comment_closes_at > comment_opens_at),
  check (status <> 'closed' or (minutes is not null and closed_at is not null))
);
create index meeting_path_idx on meeting (org_path text_pattern_ops, starts_at desc);

create table meeting_agenda_item (
  id          bigint generated always as identity primary key,
  meeting_id  bigint not null references meeting(id),
  position    integer not null check (position > 0),
  topic_id    bigint references topic(id),
  title       text not null,
  unique (meeting_id, position)
);
create unique index meeting_agenda_topic_uq on meeting_agenda_item (meeting_id, topic_id) where topic_id is not null;

-- Who is invited: a user, an organisation (property company, department…), a party organisation, or a named party.
create table meeting_invitation (
  id              bigint generated always as identity primary key,
  meeting_id      bigint not null references meeting(id),
  name            text not null,
  capacity_as     text,
  user_id         bigint references app_user(id),
  organisation_id bigint references organisation(id),
  party_org_id    bigint references party_org(id),
  created_at      timestamptz not null default now()
);
create unique index meeting_invitation_user_uq on meeting_invitation (meeting_id, user_id) where user_id is not null;

create table meeting_registration (
  meeting_id  bigint not null references meeting(id),
  user_id     bigint not null references app_user(id),
  created_at  timestamptz not null default now(),
  primary key (meeting_id, user_id)
);

create table meeting_attendance (
  meeting_id    bigint not null references meeting(id),
  user_id       bigint not null references app_user(id),
  checked_in_at timestamptz not null default now(),
  primary key (meeting_id, user_id)
);

-- Comments from those who cannot attend, accepted only inside the meeting's comment window.
create table meeting_comment (
  id          bigint generated always as identity primary key,
  meeting_id  bigint not null references meeting(id),
  user_id     bigint not null references app_user(id),
  body        text not null,
  created_at  timestamptz not null default now()
);
create index meeting_comment_meeting_idx on meeting_comment (meeting_id, created_at);

-- A resolution (决议) of a meeting, with the one who answers for it and a due date.
create table resolution (
  id            bigint generated always as identity primary key,
  meeting_id    bigint not null references meeting(id),
  topic_id      bigint references topic(id),
  community_id  bigint not null references org_node(id),
  street_id     bigint not null references org_node(id),
  org_path      text not null,
  title         text not null,
  content       text not null,
  owner_name    text not null,
  owner_user_id bigint references app_user(id),
  due_date      date not null,
  status        text not null default 'open' check (status in ('open', 'done')),
  done_at       timestamptz,
  created_at    timestamptz not null default now(),
  check ((status = 'done') = (done_at is not null))
);
create index resolution_path_idx on resolution (org_path text_pattern_ops);
create index resolution_topic_idx on resolution (topic_id) where topic_id is not null;

-- Carrying out (落实推进): each resolution is tracked as tasks with progress notes and evidence.
create table resolution_task (
  id            bigint generated always as identity primary key,
  resolution_id bigint not null references resolution(id),
  title         text not null,
  assignee_name text not null,
  due_date      date,
  status        text not null default 'open' check (status in ('open', 'in_progress', 'done')),
  done_at       timestamptz,
  created_at    timestamptz not null default now(),
  check ((status = 'done') = (done_at is not null))
);
create index resolution_task_resolution_idx on resolution_task (resolution_id);

create table resolution_task_note (
  id          bigint generated always as identity primary key,
  task_id     bigint not null references resolution_task(id),
  author_id   bigint references app_user(id),
  author_name text not null,
  note        text not null,
  evidence    text,
  status_after text not null check (status_after in ('open', 'in_progress', 'done')),
  created_at  timestamptz not null default now()
);
create index resolution_task_note_task_idx on resolution_task_note (task_id, created_at);

-- The outcome told to residents (反馈信息); notified_at is for the notification outbox to come.
create table deliberation_outcome (
  id          bigint generated always as identity primary key,
  topic_id    bigint not null references topic(id) unique,
  street_id   bigint not null references org_node(id),
  feedback    text not null,
  recorded_by bigint references app_user(id),
  created_at  timestamptz not null default now(),
  notified_at timestamptz
);

-- Owners' votes (业主表决) of one estate. Matters follow Civil Code art. 278 items 1–9; the rule
-- applied follows from the matter (items 6–8 special, the others ordinary).
create table owners_vote (
  id               bigint generated always as identity primary key,
  estate_id        bigint not null references estate(id),
  community_id     bigint not null references org_node(id),
  street_id        bigint not null references org_node(id),
  org_path         text not null,
  title            text not null,
  description      text not null,
  matter           text not null check (matter in (
                     'rules_of_procedure', 'management_statute', 'owners_committee_election',
                     'property_service_hiring', 'maintenance_fund_use', 'maintenance_fund_raising',
                     'building_reconstruction', 'common_parts_use_change', 'other_important')),
  rule             text not null check (rule in ('civil_code_278_special', 'civil_code_278_ordinary')),
  status           text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  total_owners     integer check (total_owners > 0),
  total_area_cents bigint check (total_area_cents > 0),
  closes_at        timestamptz,
  opened_at        timestamptz,
  closed_at        timestamptz,
  result           jsonb,
  created_by       bigint references app_user(id),
  created_at       timestamptz not null default now(),
  check ((rule = 'civil_code_278_special') =
         (matter in ('maintenance_fund_raising', 'building_reconstruction', 'common_parts_use_change'))),
  check ((status = 'draft') = (opened_at is null)),
  check (status = 'draft' or (total_owners is not null and total_area_cents is not null)),
  check ((status = 'closed') = (closed_at is not null and result is not null))
);
create index owners_vote_path_idx on owners_vote (org_path text_pattern_ops, created_at desc);
create index owners_vote_estate_idx on owners_vote (estate_id);

-- Units the vote's creator marks as unsold / held by the developer: together they are one owner.
create table vote_developer_unit (
  vote_id      bigint not null references owners_vote(id),
  household_id bigint not null references household(id),
  primary key (vote_id, household_id)
);

-- The owners' roll, snapshotted from the household archive when the vote opens.
create table vote_owner (
  id           bigint generated always as identity primary key,
  vote_id      bigint not null references owners_vote(id),
  owner_key    text not null,
  resident_id  bigint references resident(id),
  display_name text not null,
  area_cents   bigint not null check (area_cents > 0),
  unit_count   integer not null check (unit_count > 0),
  is_developer boolean not null default false,
  unique (vote_id, owner_key),
  unique (id, vote_id)
);
create unique index vote_owner_resident_uq on vote_owner (vote_id, resident_id) where resident_id is not null;
create unique index vote_owner_one_developer on vote_owner (vote_id) where is_developer;

create table vote_owner_unit (
  vote_id      bigint not null references owners_vote(id),
  owner_id     bigint not null,
  household_id bigint not null references household(id),
  area_cents   bigint not null check (area_cents > 0),
  primary key (vote_id, household_id),
  foreign key (owner_id, vote_id) references vote_owner(id, vote_id)
);

-- A proxy's recorded authorization (委托书): who may vote for which owner, and the document's reference.
create table vote_proxy (
  id                bigint generated always as identity primary key,
  vote_id           bigint not null references owners_vote(id),
  owner_id          bigint not null,
  proxy_name        text not null,
  proxy_resident_id bigint references resident(id),
  authorization_ref text not null,
  recorded_by       bigint references app_user(id),
  created_at        timestamptz not null default now(),
  constraint vote_proxy_one_per_owner unique (vote_id, owner_id),
  unique (id, owner_id),
  foreign key (owner_id, vote_id) references vote_owner(id, vote_id)
);

create table vote_ballot (
  id              bigint generated always as identity primary key,
  vote_id         bigint not null references owners_vote(id),
  owner_id        bigint not null,
  choice          text not null check (choice in ('for', 'against', 'abstain')),
  channel         text not null check (channel in ('online', 'paper')),
  paper_reference text,
  proxy_id        bigint references vote_proxy(id),
  cast_by         bigint not null references app_user(id),
  created_at      timestamptz not null default now(),
  constraint vote_ballot_one_per_owner unique (vote_id, owner_id),
  check ((channel = 'paper') = (paper_reference is not null)),
  -- the owner is on this vote's roll, and a proxy acts for this very owner
  foreign key (owner_id, vote_id) references vote_owner(id, vote_id),
  foreign key (proxy_id, owner_id) references vote_proxy(id, owner_id)
);
create unique index vote_ballot_paper_reference_uq on vote_ballot (vote_id, paper_reference) where paper_reference is not null;
