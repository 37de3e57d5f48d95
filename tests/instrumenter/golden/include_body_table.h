static const int table[2] = {10, 20};
