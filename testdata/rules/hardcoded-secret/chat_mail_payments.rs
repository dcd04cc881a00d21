//! Chat, mail and payment providers.

static SLACK_BOT: &str = "xoxb-91017488141-644744058776-jPn8qu8NnDfjwfOBCNHPzlmi"; //~ hardcoded-secret
static SLACK_HOOK: &str = "https://hooks.slack.com/services/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"; //~ hardcoded-secret
static DISCORD_HOOK: &str = "https://discord.com/api/webhooks/115114920862541651/NiLR00iiMixfm0n71jC1dLnPUj7WnvFomkW3oIN62fArWxyPjrNg7N4GKvG68Zmrz6n4"; //~ hardcoded-secret

fn twilio() -> (&'static str, &'static str) {
    ("SK74752e8e5f398b1360aff9a194d9db49", "AC610f59d9deaa05f0feb170f36557c3cd") //~ hardcoded-secret
}

fn sendgrid() -> String {
    format!("Bearer {}", "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") //~ hardcoded-secret
}

fn mailgun() -> &'static str {
    "key-8e6827dde66a8165b3db49504d30ea2f" //~ hardcoded-secret
}

fn telegram() -> &'static str {
    "2500957497:AAQ0vY24cD9Lnj9CkOmkP0wPSfNpkkf-8B4" //~ hardcoded-secret
}

pub struct Stripe {
    pub secret_key: &'static str,
    pub publishable_key: &'static str,
    pub webhook_secret: &'static str,
}

pub const STRIPE: Stripe = Stripe {
    secret_key: "sk_live_tjBrNCKeRHp4s1fLte7ysAgk", //~ hardcoded-secret[critical]
    publishable_key: "pk_live_wO8Bfv3nwRgDug13FucR9CS3",
    webhook_secret: "whsec_7dMo4stqD04GHwGGf2GK4CAQmNUz7Bhi", //~ hardcoded-secret
};

fn stripe_test_mode() -> &'static str {
    "sk_test_eCu4ctYxAM8LglaCjUtcKgLW" //~ hardcoded-secret[medium]
}

fn square_and_shopify() -> [&'static str; 3] {
    [
        "sq0atp-gikLLK3De36LuQY77ewU8O", //~ hardcoded-secret
        "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", //~ hardcoded-secret
        "access_token$production$mzp56bh9tgvvwkac$6f18f617aa7be0136393723ba8d5892c", //~ hardcoded-secret[critical]
    ]
}
