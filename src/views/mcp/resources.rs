//! The resources: `stratlint://report` (the report's JSON) and
//! `stratlint://rules` (every rule, as `stratlint rules` lists them).

use rmcp::model::ErrorCode;
use serde_json::{Value, json};

use super::Session;
use crate::analysis::Options;
use crate::schema::RULES;
use crate::views::report;

/// `resources/list`.
pub fn list() -> Value {
    json!([
        {
            "uri": "stratlint://report",
            "name": "report",
            "title": "Strategy health report",
            "description": "`stratlint report --format json`: objectives and KPIs with progress, principles by freshness, tenets, decisions and problems.",
            "mimeType": "application/json",
        },
        {
            "uri": "stratlint://rules",
            "name": "rules",
            "title": "Rules",
            "description": "Every rule: code, name, default severity, summary and documentation.",
            "mimeType": "application/json",
        },
    ])
}

/// `resources/read`.
pub fn read(session: &mut Session, params: &Value) -> Result<Value, (ErrorCode, String)> {
    let uri = params["uri"].as_str().unwrap_or_default();
    let text = match uri {
        "stratlint://rules" => {
            let rules: Vec<Value> = RULES
                .iter()
                .map(|r| super::tools::rule_data(r.code))
                .collect();
            json!({"rules": rules}).to_string()
        }
        "stratlint://report" => {
            let options = Options {
                head: true,
                kpi_history: true,
                ..Options::default()
            };
            session
                .analysis_with(options)
                .and_then(|a| report::build(&a, report::ReportFormat::Json))
                .map(|r| serde_json::to_string(&r).expect("plain data serializes"))
                .map_err(|e| (ErrorCode::INTERNAL_ERROR, format!("stratlint: {e}")))?
        }
        _ => {
            return Err((
                ErrorCode::RESOURCE_NOT_FOUND,
                format!("no resource `{uri}` (stratlint://report, stratlint://rules)"),
            ));
        }
    };
    Ok(json!({"contents": [{"uri": uri, "mimeType": "application/json", "text": text}]}))
}
