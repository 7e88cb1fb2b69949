//! The five approaches the gateway can serve: each one's function table and template, read from
//! the approach's own crate (one table per approach, nothing copied here).

use library::adapters::lambda::Deployed;

/// A deployment approach, as its crate defines it.
#[derive(Clone, Copy)]
pub struct Approach {
    /// The crate's name, `approach-01-commands-and-queries-dispatchers`.
    pub name: &'static str,
    pub functions: &'static [&'static dyn Deployed],
    /// The path of its `template.yaml`.
    pub template: &'static str,
}

pub const APPROACHES: [Approach; 5] = [
    Approach {
        name: approach_00_monolithic_dispatcher::NAME,
        functions: &approach_00_monolithic_dispatcher::FUNCTIONS,
        template: approach_00_monolithic_dispatcher::TEMPLATE,
    },
    Approach {
        name: approach_01_commands_and_queries_dispatchers::NAME,
        functions: &approach_01_commands_and_queries_dispatchers::FUNCTIONS,
        template: approach_01_commands_and_queries_dispatchers::TEMPLATE,
    },
    Approach {
        name: approach_02_extract_subdomains::NAME,
        functions: &approach_02_extract_subdomains::FUNCTIONS,
        template: approach_02_extract_subdomains::TEMPLATE,
    },
    Approach {
        name: approach_03_extract_individual_commands_or_queries::NAME,
        functions: &approach_03_extract_individual_commands_or_queries::FUNCTIONS,
        template: approach_03_extract_individual_commands_or_queries::TEMPLATE,
    },
    Approach {
        name: approach_04_full_separation::NAME,
        functions: &approach_04_full_separation::FUNCTIONS,
        template: approach_04_full_separation::TEMPLATE,
    },
];

/// The approach called `name` exactly (`cargo xtask` resolves prefixes and numbers).
pub fn approach(name: &str) -> Option<&'static Approach> {
    APPROACHES.iter().find(|approach| approach.name == name)
}

impl Approach {
    /// Its function by logical id (`CommandsDispatcher`) or binary name.
    pub fn function(&self, name: &str) -> Option<&'static dyn Deployed> {
        self.functions
            .iter()
            .copied()
            .find(|f| f.name() == name || f.binary() == name)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// `cargo lambda build` puts every bootstrap in `target/lambda/<binary>/`: binary names must
    /// be unique across the workspace, not only within an approach.
    #[test]
    fn binary_names_are_unique_across_approaches() {
        let mut seen = BTreeSet::new();
        for approach in &APPROACHES {
            for function in approach.functions {
                assert!(
                    seen.insert(function.binary()),
                    "{} reuses binary name {}",
                    approach.name,
                    function.binary()
                );
                assert!(function.binary().starts_with(&approach.name[..11]));
            }
        }
    }

    #[test]
    fn finds_approaches_and_functions_by_name() {
        let approach = approach("approach-01-commands-and-queries-dispatchers").expect("exists");
        assert_eq!(
            approach.function("QueriesDispatcher").map(Deployed::binary),
            Some("approach-01-queries-dispatcher")
        );
        assert_eq!(
            approach
                .function("approach-01-commands-dispatcher")
                .map(Deployed::name),
            Some("CommandsDispatcher")
        );
        assert!(approach.function("Nope").is_none());
        assert!(super::approach("approach-01").is_none());
    }
}
