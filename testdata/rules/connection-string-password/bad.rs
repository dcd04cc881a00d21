//! Passwords in connection strings and URLs.

pub const DATABASE_URL: &str = "postgres://billing:Xk8#mQ2vLp9wRz@db.prod.internal:5432/billing"; //~ connection-string-password[high]

pub async fn pools() {
    let _ = sqlx::MySqlPool::connect("mysql://app:Tr0ub4dor3xq@mysql.prod:3306/app").await; //~ connection-string-password
    let _ = mongodb::Client::with_uri_str("mongodb+srv://svc:Pq8Wm2rXzK@cluster0.ab12c.mongodb.net/?retryWrites=true").await; //~ connection-string-password
    let _ = redis::Client::open("rediss://:Vq7rT2mZ9xK4@cache.prod.internal:6380/0"); //~ connection-string-password
    let _ = lapin::Connection::connect("amqps://worker:Lm3Hq8vRwZ@mq.prod.internal/%2f", Default::default()).await; //~ connection-string-password
}

pub fn mailer() -> &'static str {
    "smtps://alerts%40corp.example:Hn5Xq2Lw8Pz@smtp.mailgun.org:465" //~ connection-string-password
}

pub fn proxy() -> reqwest::Proxy {
    reqwest::Proxy::all(r"http://squid:Yt6Bv3Nq9Ws@proxy.corp.internal:3128").unwrap() //~ connection-string-password
}

pub fn mssql() -> String {
    String::from("Server=sql01.prod;Database=Orders;User Id=orders_app;Password=Gw4kP9zQeR2;") //~ connection-string-password
}

pub fn local_but_real() -> &'static str {
    "postgres://app:Jq2Wv8Xk4Lm@localhost:5432/app" //~ connection-string-password
}

// JDBC parameters and libpq keyword strings.
pub const JDBC_PG: &str = "jdbc:postgresql://db.prod.internal:5432/orders?user=svc&password=Nx7!qR2vKm&ssl=true"; //~ connection-string-password
pub const JDBC_MSSQL: &str = "jdbc:sqlserver://sql.prod:1433;databaseName=orders;user=svc;password=Qz8*Lm3vR;encrypt=true"; //~ connection-string-password
pub const PG_DSN: &str = "host=db.prod.internal port=5432 dbname=orders user=svc password=Rv~9kQ2m sslmode=require"; //~ connection-string-password

#[cfg(test)]
mod tests {
    #[test]
    fn connects() {
        let url = "postgres://ci:Rk7Vm2Qx9Tz@ci-db.internal/ci"; //~ connection-string-password[medium]
        assert!(url.starts_with("postgres"));
    }
}
