//! Streams of items across pages, for the operations the spec marks with `x-pagination`.

use std::future::Future;

use futures_core::Stream;
use futures_util::stream::{self, StreamExt};

use crate::Error;

/// Where the first page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStart {
    /// Pages are numbered, from this number (0 or 1, as the operation documents).
    Number(i64),
    /// Pages are addressed by the offset of their first item, from 0.
    Offset,
}

/// Fetches pages with `fetch(position)` until one holds fewer than `page_size` items, and
/// yields their items one by one. An error is yielded once and ends the stream.
pub fn paginate<'a, T, F, Fut>(start: PageStart, page_size: i64, fetch: F) -> impl Stream<Item = Result<T, Error>> + 'a
where
    T: 'a,
    F: FnMut(i64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error>> + 'a,
{
    let position = match start {
        PageStart::Number(first) => first,
        PageStart::Offset => 0,
    };
    let state = (fetch, Some(position));
    stream::unfold(state, move |(mut fetch, position)| async move {
        let position = position?;
        let page = fetch(position).await;
        let next = match &page {
            Ok(items) if !items.is_empty() && i64::try_from(items.len()).is_ok_and(|n| n >= page_size) => {
                Some(match start {
                    PageStart::Number(_) => position + 1,
                    PageStart::Offset => position + items.len() as i64,
                })
            }
            _ => None,
        };
        Some((page, (fetch, next)))
    })
    .flat_map(|page| {
        let items: Vec<Result<T, Error>> = match page {
            Ok(items) => items.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(items)
    })
}
