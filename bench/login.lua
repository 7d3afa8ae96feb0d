-- wrk: logins of one real account (Argon2id verification on every request).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"email": "bench-login@example.org", "password": "une phrase de passe solide"}'
