/* For e2e_signal.sh: keeps a block from step(0), says "ready", waits for
** the file named by its argument, then keeps another block and exits 0. */
#include <memline.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *kept[2];

MEMLINE_PROFILE
static void step(int i)
{
    kept[i] = malloc(1000);
}

int main(int argc, char **argv)
{
    step(0);
    printf("ready\n");
    fflush(stdout);
    while (argc > 1 && access(argv[1], F_OK) != 0)
        usleep(10000);
    step(1);
    return 0;
}
