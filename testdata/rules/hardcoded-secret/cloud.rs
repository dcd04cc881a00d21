//! Cloud provider credentials.
use std::collections::HashMap;

pub const AWS_ACCESS_KEY_ID: &str = "AKIASWI22X5JKY6MIFWA"; //~ hardcoded-secret[critical]
pub const AWS_SECRET_ACCESS_KEY: &str = "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"; //~ hardcoded-secret[critical]

pub struct AwsConfig {
    pub region: &'static str,
    pub secret_access_key: &'static str,
}

pub fn aws() -> AwsConfig {
    AwsConfig {
        region: "eu-west-1",
        secret_access_key: "eF/ItKL+8pcqMKRLd7SUqeaG6nyb229X8YzL7iMa", //~ hardcoded-secret
    }
}

pub fn google() -> String {
    let key = "AIza3K8Nsv9_Qt2giDIkidQ2iZ-gppCorL4txx0"; //~ hardcoded-secret
    format!("https://maps.googleapis.com/maps/api/geocode/json?key={key}")
}

pub fn oauth_client() -> (&'static str, &'static str) {
    ("1234567890-abc.apps.googleusercontent.com", "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") //~ hardcoded-secret
}

pub fn azure_storage() -> &'static str {
    "DefaultEndpointsProtocol=https;AccountName=prodblobs;AccountKey=jTxB1cBIhPkizjzdX3S8Yy0htgSnVxWSqgkX3R+BmHQ9Y+B2evZSG8uHB4q5Yg3ZJvHzba7LOb8dFfnpqn3SNg==;EndpointSuffix=core.windows.net" //~ hardcoded-secret[critical]
}

pub fn service_bus() -> String {
    String::from("Endpoint=sb://orders.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=I7OfYFrVPEpV7p20WctiYCK51FulS82hbvbaXIQJl/4=") //~ hardcoded-secret
}

pub fn do_client() -> reqwest::RequestBuilder {
    reqwest::Client::new().get("https://api.digitalocean.com/v2/droplets").bearer_auth("dop_v1_65c23115661ffb0df9daee36452bcf48385971f1bba10ef43a9e7516072cb95e") //~ hardcoded-secret
}

pub fn vault_token() -> &'static str {
    "hvs.UKi7uEwAf3Ia7h50vfeSmjE_l8gFg-YhgG05NgeywZyDkOnlujBc4T_2WqbN5CorN9lHZOqqk8Fk2FJh-FgzKVmj1OWaKqd" //~ hardcoded-secret
}

pub fn settings() -> HashMap<&'static str, &'static str> {
    let mut m = HashMap::new();
    m.insert("DATADOG_API_KEY", "e401d83c4a29548fa91200314bd807d4"); //~ hardcoded-secret
    m.insert("alibaba_access_key_id", "LTAIxmvwakLN0kUgrHMkOTjC"); //~ hardcoded-secret
    m.insert("HEROKU_API_KEY", "dd3aae7e-d5e1-5ff0-34d1-6017fbce6686"); //~ hardcoded-secret
    m
}

pub static GCP_SERVICE_ACCOUNT: &str = r#"{
  "type": "service_account", "project_id": "prod-4411",
  "private_key_id": "9b7bb71fcb447fc135c396aff26c035c0a09cfce",
  "client_email": "deployer@prod-4411.iam.gserviceaccount.com"
}"#; //~^^^^ hardcoded-secret
