//! Streams of items across pages, for the operations the spec marks with `x-pagination`.

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::{Client, Error};

/// Where the first page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStart {
    /// Pages are numbered, from this number (0 or 1, as the operation documents).
    Number(i64),
    /// Pages are addressed by the offset of their first item, from 0.
    Offset,
}

/// What the stream does next.
enum Next<T> {
    /// Fetch the page at this position; `previous` is the last page's items (to spot a repeat).
    Fetch {
        position: i64,
        fetched: usize,
        previous: Option<Vec<T>>,
    },
    /// Yield this error, then end.
    Fail(Error),
    Done,
}

/// Fetches pages with `fetch(position)` until one holds fewer than `page_size` items, and
/// yields their items one by one. An error is yielded once and ends the stream. The stream also
/// ends with an error on a page size below 1 (nothing is fetched), on a page whose items are
/// those of the previous page (a server that ignores the page number would repeat forever), and
/// when [`Configuration::max_pages`](crate::Configuration::max_pages) pages were full.
pub fn paginate<'a, T, F, Fut>(
    client: &Client,
    operation: &'static str,
    start: PageStart,
    page_size: i64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + 'a
where
    T: Clone + PartialEq + 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
{
    let max_pages = client.max_pages();
    let position = match start {
        PageStart::Number(first) => first,
        PageStart::Offset => 0,
    };
    let first = if page_size < 1 {
        Next::Fail(Error::InvalidArgument(format!("{operation}: the page size must be at least 1 (got {page_size})")))
    } else {
        Next::Fetch { position, fetched: 0, previous: None }
    };
    stream::unfold((fetch, first), move |(mut fetch, next)| async move {
        let (position, fetched, previous) = match next {
            Next::Done => return None,
            Next::Fail(error) => return Some((Err(error), (fetch, Next::Done))),
            Next::Fetch { fetched, .. } if fetched >= max_pages => {
                let error = Error::Pagination(format!(
                    "{operation}: {fetched} full pages fetched, the most allowed (Configuration::max_pages); \
                     the server may be ignoring the page parameters"
                ));
                return Some((Err(error), (fetch, Next::Done)));
            }
            Next::Fetch { position, fetched, previous } => (position, fetched, previous),
        };
        let items = match fetch(position).await {
            Ok(items) => items,
            Err(error) => return Some((Err(error), (fetch, Next::Done))),
        };
        if !items.is_empty() && previous.as_ref() == Some(&items) {
            let error = Error::Pagination(format!(
                "{operation}: the page at position {position} repeats the previous page; \
                 the server may be ignoring the page parameters"
            ));
            return Some((Err(error), (fetch, Next::Done)));
        }
        let full = !items.is_empty() && i64::try_from(items.len()).is_ok_and(|n| n >= page_size);
        let next = if full {
            let position = match start {
                PageStart::Number(_) => position.saturating_add(1),
                PageStart::Offset => position.saturating_add(items.len() as i64),
            };
            Next::Fetch { position, fetched: fetched + 1, previous: Some(items.clone()) }
        } else {
            Next::Done
        };
        Some((Ok(items), (fetch, next)))
    })
    .flat_map(|page| {
        let items: Vec<Result<T, Error>> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(items)
    })
}
