//! The built-in Validator (rules that re-check each finding against the code) and Coordinator (ranking, grouping, report).
