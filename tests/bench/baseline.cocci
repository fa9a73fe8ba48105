// SPDX-License-Identifier: GPL-2.0-only
/// The benchmark's baseline, as issue #2 states it: the plainest kmap_atomic() to
/// kmap_local_page() rewrite, with no proof of anything. Not for use on real code
/// (semantic-patches/ has the rules that check what they convert); it only measures
/// what spatch itself costs on the tree.
///
/// Confidence: none. Options: none.

@@
expression P;
@@
- kmap_atomic(P)
+ kmap_local_page(P)

@@
expression A;
@@
- kunmap_atomic(A)
+ kunmap_local(A)
