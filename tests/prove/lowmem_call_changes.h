/* SPDX-License-Identifier: GPL-2.0 */
/* A structure other files know too: any of them may store into its fields. */
struct page_slot { struct page *pg; };
void slot_refill(struct page_slot *slot);
