-- pgbench: the SQL guichet runs for one registration of a new candidate, statement for
-- statement (POST /api/v1/registrations once the rules' verdict is in): read the account, then
-- in one transaction check for an existing registration, lock the identity, make the
-- candidate's number, take the session's next number, insert the registration and its first version,
-- queue the mail, record the event. Same tables, same hot counter rows, same order.
\set n random(1, 1000000000)
\set a random(1, :accounts)
SELECT id, email, email_key, password_hash, last_name, first_name, birth_date, birth_place, nationality, phone, status, personal_data_locked, created_at, activated_at, updated_at FROM accounts WHERE id = 'bench' || :a;
BEGIN;
SELECT id FROM registrations WHERE account_id = 'bench' || :a AND academy = 'testia' AND exam = 'demo' AND session = 'pgbench-' || :n || '-' || :client_id;
UPDATE accounts SET email = email, email_key = email_key, password_hash = password_hash, last_name = last_name, first_name = first_name, birth_date = birth_date, birth_place = birth_place, nationality = nationality, phone = phone, status = status, personal_data_locked = 1, activated_at = activated_at, updated_at = '2024-11-01T09:00:00.000000Z' WHERE id = 'bench' || :a;
SELECT number FROM candidate_numbers WHERE academy = 'pgbench-' || :n || '-' || :client_id AND account_id = 'bench' || :a;
INSERT INTO counters (name, value) VALUES ('candidate:testia', 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value;
INSERT INTO candidate_numbers (academy, account_id, number) VALUES ('pgbench-' || :n || '-' || :client_id, 'bench' || :a, 'PGB' || :n || '-' || :client_id);
INSERT INTO counters (name, value) VALUES ('registration:testia:demo:pgbench', 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value;
INSERT INTO registrations (id, account_id, academy, exam, session, registration_number, candidate_number, version, status, pole, answers, pieces, rule_set_version, created_at, updated_at)
  VALUES ('pgb' || :n || '-' || :client_id, 'bench' || :a, 'testia', 'demo', 'pgbench-' || :n || '-' || :client_id, 'PGB-' || :n || '-' || :client_id, '990000001', 1, 'registered', 'sud',
          '{"speciality":"cuisine","postal_code":"86000"}', '[{"code":"identite","label":"Pièce d''identité","explanation":"Recto verso.","required":true}]',
          'bench', '2024-11-01T09:00:00.000000Z', '2024-11-01T09:00:00.000000Z');
INSERT INTO registration_versions (registration_id, version, answers, pieces, pole, rule_set_version, saved_at)
  VALUES ('pgb' || :n || '-' || :client_id, 1, '{"speciality":"cuisine","postal_code":"86000"}', '[{"code":"identite","label":"Pièce d''identité","explanation":"Recto verso.","required":true}]', 'sud', 'bench', '2024-11-01T09:00:00.000000Z');
INSERT INTO outbox (id, kind, recipient, message, created_at, attempts, next_attempt_at)
  VALUES ('pgb' || :n || '-' || :client_id, 'registration_saved', 'bench@example.org', repeat('x', 4000), '2024-11-01T09:00:00.000000Z', 0, '2024-11-01T09:00:00.000000Z');
INSERT INTO events (id, type, aggregate, payload, occurred_at)
  VALUES ('evt_pgb' || :n || '-' || :client_id, 'registration.created', 'registration:pgb' || :n || '-' || :client_id, repeat('x', 250), '2024-11-01T09:00:00.000000Z');
COMMIT;
