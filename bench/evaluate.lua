-- wrk: POST a BAC PRO 2025 evaluation (13 answers), as a portal checks a form.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[{"answers": {"acceptation": true, "address": "1 rue de la Gare", "postal_code": "86000",
 "city": "Poitiers", "phone": "05 49 00 00 00", "speciality": "melec", "exam_form": "globale",
 "foreign_language": "anglais", "eligibility": "experience", "experience_years": 4, "exemption": true,
 "exemption_diploma": "CAP Électricien, 2019", "distance_learning": false},
 "identity": {"birth_date": "2004-05-01", "nationality": "francaise"}}]]
