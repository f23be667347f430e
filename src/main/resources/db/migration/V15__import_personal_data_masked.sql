-- Imports now keep the preview's sample rows and the rejected lines with personal data masked (ImportPrivacy).
-- Those stored before held the file's cells as uploaded, phones, e-mails, names and addresses included: they are
-- removed. The rejects keep their line number, column and reason, which is what a merchant fixes the file by.
UPDATE import_run SET sample_rows = '[]'::jsonb WHERE sample_rows IS NOT NULL;
UPDATE import_reject SET raw_line = NULL WHERE raw_line IS NOT NULL;
