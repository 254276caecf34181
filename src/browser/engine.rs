//! The engine worker seen from the page: submit the latest template, get its
//! previews and diagnostics back. At most one request is in flight; while
//! the worker is busy only the newest waiting request is kept, so a fast
//! typist never builds a queue of stale work. What the library's templates
//! have in common travels only when the worker has not seen it yet. The
//! starter gallery is asked for once, when the page needs it. File jobs
//! (exports, imports) go before waiting checks and answer to their own callback.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;

use notice_engine::library::model::Template;
use notice_engine::protocol::{CheckRequest, Common, Request, Response};
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

/// The scripts Trunk's loader shim builds for `crates/worker`, beside index.html.
pub const CHECK_WORKER: &str = "./notice-worker_loader.js";
pub const FILES_WORKER: &str = "./notice-files_loader.js";

/// Why no answer came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EngineFailure {
    /// The worker could not start or stopped (its message, if any).
    Stopped(String),
}

type OnAnswer = dyn Fn(Result<Response, EngineFailure>);
/// What a job gets: the answer's JSON text and the files' bytes (`Uint8Array`s) beside it.
pub type JobDone = Box<dyn FnOnce(Result<(String, Vec<JsValue>), EngineFailure>)>;

#[derive(Clone)]
pub struct EngineWorker {
    inner: Rc<Inner>,
}

struct Inner {
    url: &'static str,
    worker: RefCell<Option<Worker>>,
    busy: Cell<bool>,
    waiting: RefCell<Option<Pending>>,
    /// The gallery was asked for and not yet sent for.
    gallery_wanted: Cell<bool>,
    /// What the running worker was last sent as `common`.
    sent_common: RefCell<Option<Arc<Common>>>,
    /// File jobs not yet posted: the message, and who wants the answer.
    jobs: RefCell<VecDeque<(JsValue, JobDone)>>,
    /// The posted job's callback, while the worker works on it.
    job_in_flight: RefCell<Option<JobDone>>,
    on_answer: Box<OnAnswer>,
}

struct Pending {
    seq: u64,
    template: Template,
    common: Arc<Common>,
}

impl EngineWorker {
    /// Starts the worker at `url`; `on_answer` gets every answer to a check
    /// or gallery request, in request order.
    pub fn spawn(url: &'static str, on_answer: impl Fn(Result<Response, EngineFailure>) + 'static) -> EngineWorker {
        let inner = Rc::new(Inner {
            url,
            worker: RefCell::new(None),
            busy: Cell::new(false),
            waiting: RefCell::new(None),
            gallery_wanted: Cell::new(false),
            sent_common: RefCell::new(None),
            jobs: RefCell::new(VecDeque::new()),
            job_in_flight: RefCell::new(None),
            on_answer: Box::new(on_answer),
        });
        Inner::start(&inner);
        EngineWorker { inner }
    }

    pub fn submit(&self, seq: u64, template: Template, common: Arc<Common>) {
        *self.inner.waiting.borrow_mut() = Some(Pending { seq, template, common });
        self.send();
    }

    /// Asks for the starter gallery; it comes as a `Response::Gallery`.
    pub fn request_gallery(&self) {
        self.inner.gallery_wanted.set(true);
        self.send();
    }

    /// Posts `request` (JSON text) with `files` (`Uint8Array`s) beside it;
    /// `done` gets the answer.
    pub fn run_job(&self, request: String, files: Vec<JsValue>, done: JobDone) {
        let message = js_sys::Array::of1(&JsValue::from_str(&request));
        for file in files {
            message.push(&file);
        }
        self.inner.jobs.borrow_mut().push_back((message.into(), done));
        self.send();
    }

    fn send(&self) {
        if self.inner.worker.borrow().is_none() {
            // It stopped on an earlier request: new work gets a new worker.
            Inner::start(&self.inner);
        }
        if !self.inner.busy.get() {
            self.inner.post_next();
        }
    }
}

impl Inner {
    fn start(this: &Rc<Inner>) {
        let worker = match Worker::new(this.url) {
            Ok(worker) => worker,
            Err(err) => return (this.on_answer)(Err(EngineFailure::Stopped(format!("{err:?}")))),
        };
        let weak = Rc::downgrade(this);
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(this) = weak.upgrade() else { return };
            this.busy.set(false);
            let job = this.job_in_flight.borrow_mut().take();
            this.post_next();
            let data = event.data();
            let (text, files) = if js_sys::Array::is_array(&data) {
                let parts: js_sys::Array = data.unchecked_into();
                (parts.get(0).as_string(), parts.iter().skip(1).collect())
            } else {
                (data.as_string(), Vec::new())
            };
            // Any other message is the worker's "ready", which only frees it.
            let Some(text) = text else { return };
            match job {
                Some(done) => done(Ok((text, files))),
                None => {
                    if let Ok(answer) = serde_json::from_str::<Response>(&text) {
                        (this.on_answer)(Ok(answer));
                    }
                }
            }
        });
        let weak = Rc::downgrade(this);
        // A trap inside the worker arrives as an ErrorEvent; a script that
        // failed to load as a plain Event.
        let on_error = Closure::<dyn Fn(Event)>::new(move |event: Event| {
            let Some(this) = weak.upgrade() else { return };
            // A trap (a panic) or a failed load ends the worker. Drop it and
            // what waited: replaying the request that broke it would loop.
            if let Some(worker) = this.worker.borrow_mut().take() {
                worker.terminate();
            }
            this.busy.set(false);
            this.waiting.borrow_mut().take();
            let why = event.dyn_ref::<ErrorEvent>().map(ErrorEvent::message).unwrap_or_else(|| format!("{} did not load", this.url));
            if let Some(done) = this.job_in_flight.borrow_mut().take() {
                done(Err(EngineFailure::Stopped(why.clone())));
            }
            (this.on_answer)(Err(EngineFailure::Stopped(why)));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The handlers live as long as the page; a restarted worker adds a
        // pair, which only happens after a crash.
        on_message.forget();
        on_error.forget();
        *this.worker.borrow_mut() = Some(worker);
        // A new worker knows nothing yet.
        this.sent_common.borrow_mut().take();
        // Busy until the worker says it is ready: requests wait meanwhile.
        this.busy.set(true);
    }

    /// Posts what waits, the gallery first (it is asked for once and the
    /// page may be waiting to show it), then file jobs (someone clicked),
    /// then the newest check.
    fn post_next(&self) {
        if !self.gallery_wanted.get() {
            let job = self.jobs.borrow_mut().pop_front();
            if let Some((message, done)) = job {
                let posted = self.worker.borrow().as_ref().map(|worker| worker.post_message(&message));
                match posted {
                    Some(Ok(())) => {
                        self.busy.set(true);
                        *self.job_in_flight.borrow_mut() = Some(done);
                    }
                    _ => done(Err(EngineFailure::Stopped("postMessage failed".into()))),
                }
                return;
            }
        }
        let (request, common) = if self.gallery_wanted.replace(false) {
            (Request::Gallery, None)
        } else if let Some(Pending { seq, template, common }) = self.waiting.borrow_mut().take() {
            let known = self.sent_common.borrow().as_ref().is_some_and(|sent| Arc::ptr_eq(sent, &common) || **sent == *common);
            (Request::Check(CheckRequest { seq, template, common: (!known).then(|| Common::clone(&common)) }), Some(common))
        } else {
            return;
        };
        let Ok(text) = serde_json::to_string(&request) else { return };
        if let Some(worker) = self.worker.borrow().as_ref() {
            if worker.post_message(&JsValue::from_str(&text)).is_ok() {
                self.busy.set(true);
                if common.is_some() {
                    *self.sent_common.borrow_mut() = common;
                }
            }
        }
    }
}
