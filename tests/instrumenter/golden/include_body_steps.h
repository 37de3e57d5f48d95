    p = malloc((size_t)n);
    p[0] = 'x';
    k = 7;
