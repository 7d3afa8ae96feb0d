-- Registrations for the back-office benchmarks (bench/admin.sh), made in SQL: candidates
-- :first .. :first + :count - 1 of académie "testia" (tests/fixtures/minimal), each with an
-- account and one registration to session demo 2025, names drawn from common French surnames
-- (a third of them double-barrelled), two specialities, 1 % withdrawn, 30 % pieces confirmed.
-- Usage: psql -v first=1 -v count=100000 -f bench/admin_data.sql
\set last :first + :count - 1
CREATE TEMP TABLE bench_names AS
  SELECT array['Martin','Bernard','Thomas','Petit','Robert','Richard','Durand','Dubois','Moreau','Laurent',
               'Simon','Michel','Lefebvre','Leroy','Roux','David','Bertrand','Morel','Fournier','Girard',
               'Bonnet','Dupont','Lambert','Fontaine','Rousseau','Vincent','Muller','Lefevre','Faure','Andre',
               'Mercier','Blanc','Guerin','Boyer','Garnier','Chevalier','Francois','Legrand','Gauthier','Garcia',
               'Perrin','Robin','Clement','Morin','Nicolas','Henry','Roussel','Mathieu','Gautier','Masson'] AS last,
         array['Emma','Louise','Jade','Alice','Chloe','Lina','Rose','Lea','Anna','Mila','Gabriel','Louis',
               'Raphael','Jules','Adam','Lucas','Leo','Hugo','Arthur','Nathan','Paul','Sacha','Tom','Noah',
               'Camille','Manon','Sarah','Ines','Lucie','Zoe','Eva','Nina','Clara','Mael','Ethan','Enzo',
               'Theo','Yanis','Mohamed','Ibrahim'] AS first;

INSERT INTO accounts (id, email, email_key, password_hash, last_name, first_name, birth_date, birth_place,
                      nationality, phone, status, personal_data_locked, created_at, activated_at, updated_at)
  SELECT 'acc' || i, 'c' || i || '@example.org', 'c' || i || '@example.org', 'x',
         n.last[1 + (i * 7919) % 50] || CASE WHEN i % 3 = 0 THEN '-' || n.last[1 + (i * 104729) % 50] ELSE '' END,
         n.first[1 + (i * 6151) % 40], '2001-03-12', 'Poitiers', 'francaise', '', 'active', 1,
         '2024-10-20T09:00:00.000000Z', '2024-10-20T09:00:00.000000Z', '2024-10-20T09:00:00.000000Z'
  FROM generate_series(:first::bigint, :last::bigint) i, bench_names n;

INSERT INTO registrations (id, account_id, academy, exam, session, registration_number, candidate_number, version,
                           status, pole, answers, pieces, rule_set_version, created_at, updated_at, withdrawn_at,
                           withdrawal_reason, name_key, speciality)
  SELECT 'reg' || i, 'acc' || i, 'testia', 'demo', '2025', 'A99-DEMO-2025-' || lpad(i::text, 7, '0'),
         '99' || lpad(i::text, 7, '0'), 1,
         CASE WHEN i % 100 = 0 THEN 'withdrawn' ELSE 'registered' END,
         CASE WHEN i % 2 = 0 THEN 'sud' ELSE 'nord' END,
         CASE WHEN i % 2 = 0 THEN '{"speciality":"cuisine","postal_code":"86000","exemption":true}'
              ELSE '{"speciality":"electricite","postal_code":"86100"}' END,
         CASE WHEN i % 2 = 0
              THEN '[{"code":"identite","label":"Pièce d''identité","required":true},{"code":"diplome","label":"Diplôme","required":true}]'
              ELSE '[{"code":"identite","label":"Pièce d''identité","required":true}]' END,
         'bench', '2024-10-20T09:00:00.000000Z', '2024-10-20T09:00:00.000000Z',
         CASE WHEN i % 100 = 0 THEN '2024-10-25T09:00:00.000000Z' END, '',
         lower(replace(a.last_name, '-', ' ') || ' ' || a.first_name),
         CASE WHEN i % 2 = 0 THEN 'cuisine' ELSE 'electricite' END
  FROM generate_series(:first::bigint, :last::bigint) i JOIN accounts a ON a.id = 'acc' || i;

INSERT INTO piece_sets (registration_id, confirmed_at, reminded_at)
  SELECT 'reg' || i, '2024-10-30T09:00:00.000000Z', NULL FROM generate_series(:first::bigint, :last::bigint) i WHERE i % 10 < 3;

ANALYZE;
