-- Issue 14 (delivery): when the transition a message announces was recorded (its group's first event), so the
-- dispatcher can time "transition committed -> accepted by the channel"; and the lookup of messages waiting for one
-- endpoint (a channel's server, or one receiver's URL), woken together when that endpoint answers again.
alter table notification_outbox add column event_at timestamptz;
create index notification_outbox_waiting_idx on notification_outbox (channel, receiver_id)
    where sent_at is null and next_attempt_at is not null;
