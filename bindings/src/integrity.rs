//! [`IntegrityReport`]: the vault checked against its integrity manifest,
//! as the apps see it.

/// The result of `Vault.integrity()`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntegrityReport {
    /// The manifest's generation (0 if it is missing or does not open).
    pub generation: u64,
    /// True when the file is exactly what Ward last wrote.
    pub intact: bool,
    /// What differs; empty when intact.
    pub problems: Vec<IntegrityProblem>,
}

/// One change made outside Ward.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct IntegrityProblem {
    /// The entry concerned (32 hex digits), if one is.
    pub entry_id: Option<String>,
    /// One sentence: what is wrong.
    pub description: String,
}

impl From<ward_core::vault::IntegrityReport> for IntegrityReport {
    fn from(report: ward_core::vault::IntegrityReport) -> Self {
        IntegrityReport {
            generation: report.generation,
            intact: report.intact,
            problems: report
                .problems
                .into_iter()
                .map(|problem| IntegrityProblem {
                    entry_id: problem.entry_id.map(|id| id.to_string()),
                    description: problem.description,
                })
                .collect(),
        }
    }
}
