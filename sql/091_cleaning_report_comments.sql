-- Data dictionary of cleaning_report (after 090, since CREATE OR REPLACE VIEW drops comments).
COMMENT ON VIEW cleaning_report IS 'Per document, the lines the cleaner removed and the evidence it kept aside (captions, tweets, datelines, bylines, related headlines), counted by reason.';
COMMENT ON COLUMN cleaning_report.doc_id IS 'The document.';
COMMENT ON COLUMN cleaning_report.source_path IS 'The document''s first source.';
COMMENT ON COLUMN cleaning_report.action IS 'removed (page furniture) or kept_aside (evidence for dates, never a source of claims).';
COMMENT ON COLUMN cleaning_report.reason IS 'The rule that removed the lines, or the kind of evidence block.';
COMMENT ON COLUMN cleaning_report.n_lines IS 'How many lines.';
COMMENT ON COLUMN cleaning_report.examples IS 'Up to three of those lines, in document order.';
COMMENT ON COLUMN cleaning_report.examples_text IS 'examples as text, joined by ''; '' (for SQLAlchemy readers and BI tools, which do not read lists).';
