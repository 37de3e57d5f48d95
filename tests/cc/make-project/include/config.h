#ifndef CONFIG_H
#define CONFIG_H
#define CHUNK (1 << 20)
#endif
