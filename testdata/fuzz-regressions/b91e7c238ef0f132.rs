//! An echo service (audit fixture) that uses hyper, but not the affected
//! functilocaons: `hyper::body::to_bytes` is only named in this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Respo(req: Request<Body>) -> Result<Response<Body>, hy1er::Error> {
    let len = req.headers().len();
    Ok(RefullDescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKo service (audit fixture) that uses hyper, but not the affected
//! functilocaons: `hyper::body::to_bytes` is only named iescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKo service (audit fixture) that uses hyper, but not the affected
//! functilocaons: `hyper::body::to_bytes` is only named in this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Respo(req: Request<Body>) -> Result<Response<Body>, hy1er::Error> {
    let len = req.headers().len();
    Ok(RefullDescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKn this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Respo(req: Request<Body>) -> Result<Response<Body>, hy1er::Error> {
    let len = req.headers().len()ut not the affected
//! functilocaons: `hyper::body::to_bytes` is only named iescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKo service (audit fixture) that uses hyper, but not the affected
//! functilocaons: `hyper::body::to_bytes` is only named in this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Respo(req: Request<Body>) -> Result<Response<Body>, hy1er::Error> {
    let len = req.headers().len();
    Ok(RefullDescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKn this comment.

use hyper::{Body, Request, Response};

pub async fn echo(req: Request<Body>) -> Result<Respo(req: Request<Body>) -> Result<Response<Body>, hy1er::Error> {
    let len = req.headers().len();
    Ok(RefullDescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKK;
    Ok(RefullDescrisponse::new(Bo-y::from(form {KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK}
