//! Provider settings: which wire format, where, which model, how patient, and
//! what a token costs.
//!
//! Everything here is plain serde data so the API layer can keep it in the
//! user's config file. It must NOT hold an API key: keys live only in the OS
//! keychain (see `secret`) and are handed to the client at construction.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// The two wire formats memaudit speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProviderKind {
    /// Anthropic Messages API.
    Anthropic,
    /// OpenAI chat completions, and every server that imitates it (Ollama,
    /// llama.cpp, vLLM, …).
    #[serde(rename = "openai")]
    OpenAi,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 2] = [ProviderKind::Anthropic, ProviderKind::OpenAi];

    /// The name used on the command line, in the keychain and in config files.
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Anthropic => "anthropic",
            ProviderKind::OpenAi => "openai",
        }
    }

    /// The environment variable that overrides the keychain.
    pub fn key_env_var(self) -> &'static str {
        match self {
            ProviderKind::Anthropic => "ANTHROPIC_API_KEY",
            ProviderKind::OpenAi => "OPENAI_API_KEY",
        }
    }

    pub fn default_base_url(self) -> &'static str {
        match self {
            ProviderKind::Anthropic => "https://api.anthropic.com",
            ProviderKind::OpenAi => "https://api.openai.com/v1",
        }
    }

    pub fn default_model(self) -> &'static str {
        match self {
            ProviderKind::Anthropic => "claude-sonnet-4-5",
            ProviderKind::OpenAi => "gpt-4.1-mini",
        }
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A provider name that memaudit does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a provider (anthropic, openai)")]
pub struct UnknownProvider(pub String);

impl FromStr for ProviderKind {
    type Err = UnknownProvider;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "anthropic" | "claude" => Ok(ProviderKind::Anthropic),
            "openai" | "open-ai" | "openai-compatible" | "ollama" | "llama.cpp" => {
                Ok(ProviderKind::OpenAi)
            }
            _ => Err(UnknownProvider(s.to_owned())),
        }
    }
}

/// What a million tokens cost, in US dollars.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Price {
    pub input_per_mtok_usd: f64,
    pub output_per_mtok_usd: f64,
}

impl Price {
    pub const FREE: Price = Price {
        input_per_mtok_usd: 0.0,
        output_per_mtok_usd: 0.0,
    };

    /// Cost of one call.
    pub fn cost(&self, tokens_in: u64, tokens_out: u64) -> f64 {
        (tokens_in as f64 * self.input_per_mtok_usd + tokens_out as f64 * self.output_per_mtok_usd)
            / 1_000_000.0
    }
}

/// Known list prices per model name (USD per million tokens, November 2026).
/// The user's table (`PriceTable`) overrides these; an unknown model has no
/// price, so its cost is reported as 0 and a budget cannot stop it — say so
/// in the UI when `price_for` returns `None`.
const DEFAULT_PRICES: &[(&str, f64, f64)] = &[
    ("claude-opus-4-1", 15.0, 75.0),
    ("claude-opus-4", 15.0, 75.0),
    ("claude-sonnet-4-5", 3.0, 15.0),
    ("claude-sonnet-4", 3.0, 15.0),
    ("claude-haiku-4-5", 1.0, 5.0),
    ("claude-3-5-haiku", 0.8, 4.0),
    ("gpt-4.1", 2.0, 8.0),
    ("gpt-4.1-mini", 0.4, 1.6),
    ("gpt-4.1-nano", 0.1, 0.4),
    ("gpt-4o", 2.5, 10.0),
    ("gpt-4o-mini", 0.15, 0.6),
    ("gpt-5", 1.25, 10.0),
    ("gpt-5-mini", 0.25, 2.0),
    ("o4-mini", 1.1, 4.4),
];

/// Prices by model name: the built-in list plus the user's overrides.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PriceTable {
    /// User overrides, keyed by model name (exact, or a prefix ending in `*`).
    #[serde(default)]
    pub overrides: BTreeMap<String, Price>,
}

impl PriceTable {
    /// The user's override if any, else the built-in price. Dated model names
    /// (`claude-sonnet-4-5-20250929`) match their undated entry; the longest
    /// matching name wins so `gpt-4.1-mini` is not priced as `gpt-4.1`.
    pub fn price_for(&self, model: &str) -> Option<Price> {
        if let Some(p) = self.overrides.get(model) {
            return Some(*p);
        }
        let user = self
            .overrides
            .iter()
            .filter_map(|(k, p)| k.strip_suffix('*').map(|prefix| (prefix, *p)))
            .filter(|(prefix, _)| model.starts_with(prefix))
            .max_by_key(|(prefix, _)| prefix.len())
            .map(|(_, p)| p);
        if user.is_some() {
            return user;
        }
        DEFAULT_PRICES
            .iter()
            .filter(|(name, _, _)| {
                model == *name
                    || model
                        .strip_prefix(name)
                        .is_some_and(|rest| rest.starts_with('-') && is_date_suffix(&rest[1..]))
            })
            .max_by_key(|(name, _, _)| name.len())
            .map(|&(_, i, o)| Price {
                input_per_mtok_usd: i,
                output_per_mtok_usd: o,
            })
    }
}

/// `20250929` or `latest`: the suffixes providers append to a model family.
fn is_date_suffix(s: &str) -> bool {
    s == "latest" || (s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()))
}

/// How to reach one provider and how patient to be with it. In a config
/// file every field but `kind` may be left out; missing ones take the
/// defaults of that kind (an `openai` entry gets the OpenAI base URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "StoredConfig")]
pub struct ProviderConfig {
    pub kind: ProviderKind,
    /// Anthropic: without `/v1`. OpenAI-compatible: up to and including
    /// `/v1` (e.g. `http://127.0.0.1:11434/v1` for Ollama).
    pub base_url: String,
    pub model: String,
    /// Whole-request timeout (connect + send + full body).
    #[serde(serialize_with = "millis::serialize")]
    pub timeout: Duration,
    /// Requests in flight at once, across every role using this provider.
    pub max_concurrency: usize,
    /// Attempts per call for transient faults (429, 5xx, 529, timeouts,
    /// connection errors), the first included.
    pub max_attempts: u32,
    /// First backoff step; doubled per attempt, with jitter.
    #[serde(serialize_with = "millis::serialize")]
    pub backoff_base: Duration,
    /// Upper bound for one wait, whether from backoff or `retry-after`.
    #[serde(serialize_with = "millis::serialize")]
    pub max_wait: Duration,
    /// Cap on the answer's length.
    pub max_output_tokens: u32,
    /// `None`: take it from the default price table.
    pub price: Option<Price>,
}

impl ProviderConfig {
    pub fn new(kind: ProviderKind) -> Self {
        ProviderConfig {
            kind,
            base_url: kind.default_base_url().to_owned(),
            model: kind.default_model().to_owned(),
            timeout: Duration::from_secs(120),
            max_concurrency: 4,
            max_attempts: 4,
            backoff_base: Duration::from_millis(500),
            max_wait: Duration::from_secs(60),
            max_output_tokens: 8192,
            price: None,
        }
    }

    /// The price used for cost accounting: the explicit one, else the table's.
    pub fn effective_price(&self, table: &PriceTable) -> Option<Price> {
        self.price.or_else(|| table.price_for(&self.model))
    }
}

/// The on-disk shape: everything optional, so defaults follow the kind.
#[derive(Deserialize)]
struct StoredConfig {
    kind: Option<ProviderKind>,
    base_url: Option<String>,
    model: Option<String>,
    timeout: Option<u64>,
    max_concurrency: Option<usize>,
    max_attempts: Option<u32>,
    backoff_base: Option<u64>,
    max_wait: Option<u64>,
    max_output_tokens: Option<u32>,
    price: Option<Price>,
}

impl From<StoredConfig> for ProviderConfig {
    fn from(s: StoredConfig) -> Self {
        let d = ProviderConfig::new(s.kind.unwrap_or(ProviderKind::Anthropic));
        let ms = |v: Option<u64>, default: Duration| v.map_or(default, Duration::from_millis);
        ProviderConfig {
            base_url: s.base_url.unwrap_or(d.base_url),
            model: s.model.unwrap_or(d.model),
            timeout: ms(s.timeout, d.timeout),
            max_concurrency: s.max_concurrency.unwrap_or(d.max_concurrency),
            max_attempts: s.max_attempts.unwrap_or(d.max_attempts),
            backoff_base: ms(s.backoff_base, d.backoff_base),
            max_wait: ms(s.max_wait, d.max_wait),
            max_output_tokens: s.max_output_tokens.unwrap_or(d.max_output_tokens),
            price: s.price.or(d.price),
            kind: d.kind,
        }
    }
}

impl Default for ProviderConfig {
    fn default() -> Self {
        ProviderConfig::new(ProviderKind::Anthropic)
    }
}

/// Durations are stored as whole milliseconds so the config file stays readable.
mod millis {
    use std::time::Duration;

    use serde::Serializer;

    pub fn serialize<S: Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_price(table: &PriceTable, model: &str, expected: Option<(f64, f64)>) {
        let got = table
            .price_for(model)
            .map(|p| (p.input_per_mtok_usd, p.output_per_mtok_usd));
        assert_eq!(got, expected, "price of {model}");
    }

    #[test]
    fn default_prices_match_dated_names_and_prefer_the_longest_name() {
        let t = PriceTable::default();
        check_price(&t, "claude-sonnet-4-5", Some((3.0, 15.0)));
        check_price(&t, "claude-sonnet-4-5-20250929", Some((3.0, 15.0)));
        check_price(&t, "gpt-4.1-mini", Some((0.4, 1.6)));
        check_price(&t, "gpt-4.1", Some((2.0, 8.0)));
        check_price(&t, "llama3.1:8b", None);
        check_price(&t, "gpt-4.1-turbo-custom", None);
    }

    #[test]
    fn user_overrides_win_exact_then_prefix() {
        let mut t = PriceTable::default();
        let p = |i, o| Price {
            input_per_mtok_usd: i,
            output_per_mtok_usd: o,
        };
        t.overrides.insert("gpt-4.1".into(), p(1.0, 1.0));
        t.overrides.insert("llama*".into(), p(0.0, 0.0));
        check_price(&t, "gpt-4.1", Some((1.0, 1.0)));
        check_price(&t, "llama3.1:8b", Some((0.0, 0.0)));
        check_price(&t, "gpt-4.1-mini", Some((0.4, 1.6)));
    }

    #[test]
    fn config_round_trips_through_json_with_millisecond_durations() {
        let c = ProviderConfig::new(ProviderKind::OpenAi);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["timeout"], 120_000, "durations are milliseconds");
        assert_eq!(json["kind"], "openai");
        let back: ProviderConfig = serde_json::from_value(json).unwrap();
        assert_eq!(back, c);
        let partial: ProviderConfig =
            serde_json::from_str(r#"{"kind":"openai","model":"llama3.1:8b"}"#).unwrap();
        assert_eq!(partial.max_attempts, 4, "missing fields take defaults");
        assert_eq!(
            partial.base_url, "https://api.openai.com/v1",
            "the default base URL follows the kind"
        );
        assert_eq!(partial.model, "llama3.1:8b");
    }

    #[test]
    fn provider_names_parse() {
        assert_eq!("Anthropic".parse(), Ok(ProviderKind::Anthropic));
        assert_eq!("ollama".parse(), Ok(ProviderKind::OpenAi));
        assert!("gemini".parse::<ProviderKind>().is_err());
    }

    #[test]
    fn price_cost_is_per_million_tokens() {
        let p = Price {
            input_per_mtok_usd: 3.0,
            output_per_mtok_usd: 15.0,
        };
        assert!((p.cost(1_000_000, 0) - 3.0).abs() < 1e-9);
        assert!((p.cost(1000, 1000) - 0.018).abs() < 1e-9);
    }
}
