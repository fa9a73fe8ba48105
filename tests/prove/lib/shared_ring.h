/* A structure shared by several files: any of them may store to its fields. */
struct shared_ring {
	struct page *pg;
	unsigned int head;
};
