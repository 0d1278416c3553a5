//! The built-in Analyst: syn-based detectors for the six finding categories.
