//! A small JSON Schema checker for the subset memaudit sends to providers:
//! `type` (one or a list), `properties`, `required`, `additionalProperties:
//! false`, `items`, `enum`, `minimum`, `maximum`.
//!
//! It exists so an answer is checked against the very schema the model was
//! given, whether or not the server enforced it. It must NOT grow into a full
//! validator: schemas sent by memaudit stay inside this subset (a test checks
//! the role schemas).

use serde_json::Value;

/// Every violation of `schema` by `value`, as `path: problem` lines
/// (`/findings/2/category: "FOO" is not one of [...]`). Empty when valid.
pub fn violations(schema: &Value, value: &Value) -> Vec<String> {
    let mut out = Vec::new();
    check(schema, value, &mut String::new(), &mut out);
    out
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn show(path: &str) -> &str {
    if path.is_empty() {
        "/"
    } else {
        path
    }
}

fn excerpt(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let cut: String = s.chars().take(60).collect();
        format!("{cut}…")
    } else {
        s
    }
}

fn check(schema: &Value, v: &Value, path: &mut String, out: &mut Vec<String>) {
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(name) => type_matches(name, v),
            Value::Array(names) => names
                .iter()
                .filter_map(Value::as_str)
                .any(|n| type_matches(n, v)),
            _ => true,
        };
        if !ok {
            out.push(format!(
                "{}: expected {}, got {}",
                show(path),
                t,
                excerpt(v)
            ));
            return;
        }
    }
    if let Some(Value::Array(allowed)) = schema.get("enum") {
        if !allowed.contains(v) {
            out.push(format!(
                "{}: {} is not one of {}",
                show(path),
                excerpt(v),
                Value::Array(allowed.clone())
            ));
        }
    }
    if let Some(n) = v.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if n < min {
                out.push(format!("{}: {n} is below the minimum {min}", show(path)));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if n > max {
                out.push(format!("{}: {n} is above the maximum {max}", show(path)));
            }
        }
    }
    if let Value::Object(map) = v {
        let props = schema.get("properties").and_then(Value::as_object);
        if let Some(Value::Array(req)) = schema.get("required") {
            for name in req.iter().filter_map(Value::as_str) {
                if !map.contains_key(name) {
                    out.push(format!("{}: missing required field `{name}`", show(path)));
                }
            }
        }
        if let Some(props) = props {
            for (k, sub) in props {
                if let Some(child) = map.get(k) {
                    let len = path.len();
                    path.push('/');
                    path.push_str(k);
                    check(sub, child, path, out);
                    path.truncate(len);
                }
            }
            if schema.get("additionalProperties") == Some(&Value::Bool(false)) {
                for k in map.keys().filter(|k| !props.contains_key(*k)) {
                    out.push(format!("{}: unexpected field `{k}`", show(path)));
                }
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (v, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            let len = path.len();
            path.push('/');
            path.push_str(&i.to_string());
            check(item_schema, item, path, out);
            path.truncate(len);
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema() -> Value {
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["items"],
            "properties": {
                "items": {"type": "array", "items": {
                    "type": "object",
                    "required": ["kind", "n"],
                    "properties": {
                        "kind": {"type": "string", "enum": ["A", "B"]},
                        "n": {"type": ["integer", "null"], "minimum": 0, "maximum": 10}
                    }
                }}
            }
        })
    }

    fn check(value: Value, expected: &[&str]) {
        assert_eq!(violations(&schema(), &value), expected, "for {value}");
    }

    /// Every keyword of every role schema is one this checker understands
    /// (or documentation), so what the model is told is what is enforced.
    #[test]
    fn role_schemas_stay_inside_the_subset() {
        fn walk(v: &Value, path: &str) {
            let Value::Object(map) = v else { return };
            for (k, sub) in map {
                match k.as_str() {
                    "properties" => {
                        for (name, p) in sub.as_object().into_iter().flatten() {
                            walk(p, &format!("{path}/{name}"));
                        }
                    }
                    "items" => walk(sub, &format!("{path}/items")),
                    "type"
                    | "required"
                    | "additionalProperties"
                    | "enum"
                    | "minimum"
                    | "maximum"
                    | "description" => {}
                    other => panic!("{path}: `{other}` is outside the checked subset"),
                }
            }
        }
        walk(&crate::analyst_schema(), "analyst");
        walk(&crate::validator_schema(), "validator");
        walk(&crate::coordinator_schema(), "coordinator");
    }

    #[test]
    fn reports_each_violation_with_its_path() {
        check(
            json!({"items": [{"kind": "A", "n": 3}, {"kind": "B", "n": null}]}),
            &[],
        );
        check(
            json!({"items": [{"kind": "C", "n": 11}]}),
            &[
                "/items/0/kind: \"C\" is not one of [\"A\",\"B\"]",
                "/items/0/n: 11 is above the maximum 10",
            ],
        );
        check(
            json!({"items": [{"n": "x"}], "extra": 1}),
            &[
                "/items/0: missing required field `kind`",
                "/items/0/n: expected [\"integer\",\"null\"], got \"x\"",
                "/: unexpected field `extra`",
            ],
        );
        check(json!([1]), &["/: expected \"object\", got [1]"]);
    }
}
