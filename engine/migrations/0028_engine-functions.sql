-- The embedded engine's hot statements, as functions: a statement inside a PL/pgSQL function is
-- planned once per connection and its plan reused, where the same statement sent as text is planned
-- at every command (about half of the server's time on a task completion). The call itself is a
-- trivial plan, so it can still travel in a pipelined simple-protocol message.

-- Locks the active process instances of a tree, in key order, and returns them as a JSON array.
create function wf_lock_tree(p_root bigint, p_skip_locked boolean) returns json
language plpgsql volatile as $$
declare
  result json;
begin
  if p_skip_locked then
    select coalesce(json_agg(p order by p.key), '[]') into result from (select * from wf_process_instances
      where root_key = p_root and state = 'ACTIVE' order by key for update skip locked) p;
  else
    select coalesce(json_agg(p order by p.key), '[]') into result from (select * from wf_process_instances
      where root_key = p_root and state = 'ACTIVE' order by key for update) p;
  end if;
  return result;
end $$;
--> statement-breakpoint

-- The active element instances and all variables of a tree. Volatile: it reads with a snapshot of
-- its own, taken after the lock, so it sees what the previous holder of the lock committed.
create function wf_load_tree(p_root bigint) returns table (elements json, variables json)
language plpgsql volatile as $$
begin
  return query select
    (select coalesce(json_agg(e order by e.key), '[]') from wf_element_instances e where e.root_key = p_root and e.state = 'ACTIVE'),
    (select coalesce(json_agg(v), '[]') from wf_variables v where v.root_key = p_root);
end $$;
--> statement-breakpoint

-- Claims up to p_max due jobs of a type for a worker until p_deadline, with the active elements and
-- the variables (all of them, or those named in p_fetch) of their process instances.
create function wf_activate_jobs(p_type text, p_worker text, p_now timestamptz, p_deadline timestamptz, p_max integer, p_fetch text[])
returns table (jobs json, elements json, variables json)
language plpgsql volatile as $$
begin
  return query with claimed as (
      update wf_jobs set state = 'ACTIVATED', worker = p_worker, available_at = p_deadline
      where key in (select j.key from wf_jobs j where j.type = p_type and j.state in ('ACTIVATABLE', 'ACTIVATED')
        and j.available_at <= p_now order by j.available_at, j.key limit p_max for update skip locked)
      returning wf_jobs.*)
    select (select coalesce(json_agg(c order by c.key), '[]') from claimed c),
      (select coalesce(json_agg(json_build_object('key', e.key, 'scope_key', e.scope_key)), '[]') from wf_element_instances e
        where e.process_instance_key in (select c.process_instance_key from claimed c) and e.state = 'ACTIVE'),
      (select coalesce(json_agg(json_build_object('scope_key', v.scope_key, 'name', v.name, 'value', v.value)), '[]') from wf_variables v
        where v.process_instance_key in (select c.process_instance_key from claimed c) and (p_fetch is null or v.name = any(p_fetch)));
end $$;
--> statement-breakpoint

-- Writes a command's changes, given as one JSON document (see flushStatements). The waits of
-- elements closed whole are closed first: they are rows older than the command, and the command's
-- new rows must not be touched by them.
create function wf_flush(p jsonb) returns void
language plpgsql volatile as $$
begin
  if p ? 'closeJobs' then
    update wf_jobs set state = 'CANCELED'
      where element_instance_key = any(array(select jsonb_array_elements_text(p->'closeJobs')::bigint))
        and state in ('ACTIVATABLE', 'ACTIVATED', 'FAILED', 'ERROR_THROWN');
  end if;
  if p ? 'closeUserTasks' then
    update wf_user_tasks set state = 'CANCELED', completion_date = (p->>'now')::timestamptz
      where element_instance_key = any(array(select jsonb_array_elements_text(p->'closeUserTasks')::bigint))
        and state in ('CREATED', 'ASSIGNING', 'COMPLETING');
  end if;
  if p ? 'closeTimers' then
    delete from wf_timers where element_instance_key = any(array(select jsonb_array_elements_text(p->'closeTimers')::bigint));
  end if;
  if p ? 'closeMessages' then
    delete from wf_message_subscriptions where element_instance_key = any(array(select jsonb_array_elements_text(p->'closeMessages')::bigint));
  end if;
  if p ? 'closeSignals' then
    delete from wf_signal_subscriptions where element_instance_key = any(array(select jsonb_array_elements_text(p->'closeSignals')::bigint));
  end if;
  if p ? 'timerDeletes' then
    delete from wf_timers where key = any(array(select jsonb_array_elements_text(p->'timerDeletes')::bigint));
  end if;
  if p ? 'droppedScopes' then
    delete from wf_variables where scope_key = any(array(select jsonb_array_elements_text(p->'droppedScopes')::bigint));
  end if;
  if p ? 'processInstances' then
    insert into wf_process_instances select * from jsonb_populate_recordset(null::wf_process_instances, p->'processInstances')
      on conflict (key) do update set state = excluded.state, end_date = excluded.end_date, incident_count = excluded.incident_count;
  end if;
  if p ? 'elements' then
    insert into wf_element_instances select * from jsonb_populate_recordset(null::wf_element_instances, p->'elements')
      on conflict (key) do update set state = excluded.state, end_date = excluded.end_date, data = excluded.data, incident_key = excluded.incident_key;
  end if;
  if p ? 'variables' then
    insert into wf_variables select * from jsonb_populate_recordset(null::wf_variables, p->'variables')
      on conflict (scope_key, name) do update set value = excluded.value;
  end if;
  if p ? 'jobs' then
    insert into wf_jobs select * from jsonb_populate_recordset(null::wf_jobs, p->'jobs');
  end if;
  if p ? 'userTasks' then
    insert into wf_user_tasks select * from jsonb_populate_recordset(null::wf_user_tasks, p->'userTasks');
  end if;
  if p ? 'timers' then
    insert into wf_timers select * from jsonb_populate_recordset(null::wf_timers, p->'timers');
  end if;
  if p ? 'subscriptions' then
    insert into wf_message_subscriptions select * from jsonb_populate_recordset(null::wf_message_subscriptions, p->'subscriptions');
  end if;
  if p ? 'signalSubscriptions' then
    insert into wf_signal_subscriptions select * from jsonb_populate_recordset(null::wf_signal_subscriptions, p->'signalSubscriptions');
  end if;
  if p ? 'incidents' then
    insert into wf_incidents select * from jsonb_populate_recordset(null::wf_incidents, p->'incidents');
  end if;
  if p ? 'correlations' then
    insert into wf_message_correlations select * from jsonb_populate_recordset(null::wf_message_correlations, p->'correlations')
      on conflict do nothing;
  end if;
end $$;
