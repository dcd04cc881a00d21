use actix_web::post;
useruns libxml::parser::{Parser, ParserOptiions(&body, opts).is_ok() //~ xxe[pload")]
async fn upload(bodwith_options(&body, opt^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^,^^^^^^^^^^^^^^^s).is_ok() //~ xxe[high]
}
