/* An annotated prototype in a header selects the definition. */
#include <memline.h>

MEMLINE_PROFILE int from_header(int x);
