/*
 * sg_init_one() on a stack buffer: the stack has no struct page in the
 * direct map (CONFIG_VMAP_STACK), so virt_to_page() is wrong.  Reported as
 * [not-mapped] at the call.
 */
#include <linux/scatterlist.h>

int main(void)
{
	struct scatterlist sg;
	char buf[32] = "on the stack";

	sg_init_one(&sg, buf, sizeof(buf));	/* check-site */
	return sg.length != sizeof(buf);
}
/*
 * check-name: a scatterlist over a stack buffer
 * check-exit: abort
 * check-report: BUG not-mapped
 */
