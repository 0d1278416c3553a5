-- Bytes at a finding's lines live at the run's global peak (DHAT's `gb`,
-- exact): the measured basis of the report's memory figure. NULL for rows
-- stored before it was kept, and when the profile records no live figures.
ALTER TABLE measurements ADD COLUMN at_peak_bytes INTEGER CHECK (at_peak_bytes >= 0);
